// The kiosk as the screens see it: its profile, the connection, the catalogue,
// the visitor's language and where the visitor is (a stack of screens, so
// "Back" always knows where to go). Screens read it and call its actions; the
// flow between screens is decided here, not in the components.

import type {
  AppointmentView,
  ConnectionState,
  OpeningStatus,
  CatalogueView,
  KioskConfig,
  KioskError,
  Language,
  LocalizedText,
  NumberOffer,
  Slot,
  TextSize,
  TicketView,
} from '../generated/types';
import { fieldsOf, type Field } from './catalogue';
import { toggled } from './checklist';
import { pick, translate, type Params, type StringKey } from './i18n';
import { keysOf, pressKey, type Key } from './keyboard';
import {
  asKioskError,
  composeTelex,
  applyProfile,
  connectionState,
  onProfileReady,
  readScan,
  kioskConfig,
  setSpeechVolume,
  stopSpeaking,
  loadCatalogue,
  onConnectionChanged,
  uiReady,
} from './kiosk';

/** What the visitor came to do: one per home action. */
export type Purpose = 'take-number' | 'check-documents' | 'appointment' | 'apply-online';

/** One screen and what the visitor chose on it. */
export type Screen =
  | { name: 'home' }
  | {
      name: 'choose-service';
      purpose: Purpose;
      /** Index into the catalogue's fields, once one is chosen. */
      field: number | null;
      /** True while the on-screen keyboard is out. */
      searching: boolean;
      /** The search text as shown and searched. */
      query: string;
      /** Keys pressed on the on-screen keyboard; in Vietnamese they are read as Telex. */
      keys: string[];
    }
  | { name: 'confirm-ticket'; code: string }
  | { name: 'ticket'; view: TicketView }
  | {
      name: 'documents';
      code: string;
      /** The dossier case chosen; null until chosen, or when there is only one. */
      caseIndex: number | null;
      /** Indexes of the case's documents the visitor has ticked as "I have this". */
      have: number[];
    }
  | { name: 'documents-verdict'; code: string; caseIndex: number | null; have: number[] }
  | {
      name: 'apply-online';
      code: string;
      /** The dossier case the visitor chose on the documents check, if any. */
      caseIndex: number | null;
    }
  | { name: 'appointment-slots'; code: string }
  | {
      name: 'appointment-phone';
      code: string;
      slot: Slot;
      /** The visitor's name, when they scanned their ID card here; sent with the booking. */
      visitorName: string | null;
    }
  | { name: 'appointment-booked'; code: string; view: AppointmentView }
  | {
      name: 'card-bookings';
      /** The name on the ID card scanned: shown to greet, and used to find today's bookings. */
      visitorName: string;
    }
  | {
      name: 'check-in';
      /** A booking code the scanner read: checked in at once. */
      scanned: string | null;
    }
  /** Staff only, behind the PIN: opened by the hidden gesture on the header. */
  | { name: 'maintenance' };

/** The voice's loudness at the start of each visit, in percent (as the Rust side's). */
export const DEFAULT_VOLUME = 80;
/** The quietest a visitor can make it: never silent. */
export const MIN_VOLUME = 20;

/** Used until `kiosk_config` answers, or if it never does. */
const FALLBACK_CONFIG: KioskConfig = {
  office_id: '',
  office_name: '',
  default_language: 'vi',
  languages: ['vi', 'en'],
  idle_timeout_seconds: 90,
  home_actions: ['ticket', 'documents', 'appointment', 'online'],
  branding: { primary_colour: '#0b4a94', header_colour: '#9e1b1b', background_colour: '#f3f5f8' },
  accessibility: { text_size: 'normal', high_contrast: false, read_aloud: false },
  closed_message: { vi: '', en: '' },
  profile_version: null,
};

/** After an idle reset, the catalogue and quick numbers are asked for again when the last
 *  load is older than this: the office's most-taken procedures move with the weeks, and a
 *  kiosk may run for months without a restart. */
export const CATALOGUE_FRESH_MS = 60 * 60 * 1000;

/** The kiosk's state for the UI: one instance, `kiosk`. */
export class KioskState {
  config = $state<KioskConfig>(FALLBACK_CONFIG);
  language = $state<Language>('vi');
  online = $state(true);
  /** Whether the office is open, as the central last said; null while unknown. */
  opening = $state<OpeningStatus | null>(null);
  /** Whether a visitor can take a number now, as the kiosk's Rust side decides it
   *  (`kiosk_core::visitor`); null until it told. Every screen offering a number asks
   *  `numberOffered`, none decides on its own. */
  number = $state<NumberOffer | null>(null);
  /** True when screens offer "take a number". */
  numberOffered: boolean = $derived(this.number?.offered ?? true);
  /** True when the office is closed now: no numbers until it opens. */
  closed: boolean = $derived(this.number?.state === 'closed');
  catalogue = $state<CatalogueView | null>(null);
  catalogueError = $state<KioskError | null>(null);
  catalogueLoading = $state(false);
  /** True when the central sent a newer profile: applied once no visitor is mid-flow. */
  profileReady = $state(false);
  /** A short message over whatever screen is shown, e.g. for a scan the kiosk cannot use. */
  notice = $state<LocalizedText | null>(null);
  /** Screens the visitor went through; the last one is shown. Never empty. */
  stack = $state<Screen[]>([{ name: 'home' }]);

  /** The visitor's own text size, over the profile's; null keeps the profile's. */
  visitorTextSize = $state<TextSize | null>(null);
  /** The visitor's own high contrast choice, over the profile's; null keeps the profile's. */
  visitorHighContrast = $state<boolean | null>(null);
  /** The visitor's own "Đọc to" (read aloud), over the profile's; null keeps the profile's. */
  visitorReadAloud = $state<boolean | null>(null);
  /** The look in force: the profile's, changed by the visitor's own controls. */
  accessibility: KioskConfig['accessibility'] = $derived({
    text_size: this.visitorTextSize ?? this.config.accessibility.text_size,
    high_contrast: this.visitorHighContrast ?? this.config.accessibility.high_contrast,
    read_aloud: this.visitorReadAloud ?? this.config.accessibility.read_aloud,
  });

  /** The spoken mode for visitors who cannot see the screen, started by a key of the
   *  keypad (or the arrows): the keys move through the screen's items, each spoken. */
  keypadMode = $state(false);
  /** The voice's loudness in percent, as the visitor set it. */
  volume = $state(DEFAULT_VOLUME);
  /** True when screens are read aloud. */
  readAloud: boolean = $derived(
    this.keypadMode || (this.visitorReadAloud ?? this.config.accessibility.read_aloud),
  );

  screen: Screen = $derived(this.stack[this.stack.length - 1] ?? { name: 'home' });
  fields: Field[] = $derived(this.catalogue ? fieldsOf(this.catalogue.catalogue) : []);

  /** A start begun before the UI mounted (see `startEarly`). */
  private early: Promise<() => void> | null = null;

  /** Begins `start` before the UI mounts, so that its calls to the Rust side run while
   *  the page is still being built; the UI's own `start` then takes this one over. */
  startEarly(): void {
    this.early ??= this.begin();
  }

  /** Loads the profile, connection state and catalogue; returns a stop function. */
  start(): Promise<() => void> {
    const early = this.early;
    this.early = null;
    return early ?? this.begin();
  }

  private async begin(): Promise<() => void> {
    this.clearAll();
    let stopped = false;
    let unlisten: (() => void) | null = null;
    let unlistenProfile: (() => void) | null = null;
    const stop = () => {
      stopped = true;
      unlisten?.();
      unlistenProfile?.();
    };
    const profileListening = onProfileReady(() => (this.profileReady = true)).then(
      (fn) => {
        if (stopped) fn();
        else unlistenProfile = fn;
      },
      (error: unknown) => console.error('cannot listen to profile-ready', error),
    );

    const listening = onConnectionChanged((state) => this.connectionChanged(state)).then(
      (fn) => {
        if (stopped) fn();
        else unlisten = fn;
      },
      (error: unknown) => console.error('cannot listen to connection-changed', error),
    );
    const configured = kioskConfig().then(
      (config) => {
        this.config = config;
        this.language = config.default_language;
      },
      () => undefined, // The fallback profile keeps the kiosk usable.
    );
    const connected = connectionState().then(
      (state) => this.connectionChanged(state, false),
      () => undefined,
    );
    await Promise.all([listening, profileListening, configured, connected]);
    return stop;
  }

  /**
   * Applies the profile the central sent; call it only when no visitor is mid-flow.
   * The new settings show at once: language, home buttons, look and catalogue.
   */
  async applyProfile(): Promise<void> {
    this.profileReady = false;
    let config: KioskConfig | null;
    try {
      config = await applyProfile();
    } catch {
      return; // the running profile stays
    }
    if (!config) return;
    this.config = config;
    this.language = config.default_language;
    this.catalogue = null;
    await this.reloadCatalogue();
  }

  /** Tells the Rust side, once, that the home screen takes touches; then loads the
   *  catalogue, which only the screens after home need, so that its requests never slow
   *  the first screen. */
  ready(): void {
    if (this.readySent) return;
    this.readySent = true;
    void uiReady()
      .catch(() => undefined)
      .then(() => this.reloadCatalogue());
  }

  /** Fetches the catalogue again; keeps the old one if that fails. */
  async reloadCatalogue(): Promise<void> {
    if (this.catalogueLoading) return;
    this.catalogueLoading = true;
    try {
      this.catalogue = await loadCatalogue();
      this.catalogueError = null;
      this.catalogueLoadedAt = Date.now();
    } catch (error) {
      this.catalogueError = asKioskError(error);
    } finally {
      this.catalogueLoading = false;
    }
  }

  setLanguage(language: Language): void {
    this.language = language;
  }

  /** The visitor touched one of the four home actions. */
  startAction(purpose: Purpose): void {
    this.push({
      name: 'choose-service',
      purpose,
      field: null,
      searching: false,
      query: '',
      keys: [],
    });
    if (!this.catalogue || this.catalogue.from_cache) void this.reloadCatalogue();
  }

  chooseField(index: number): void {
    const current = this.screen;
    if (current.name !== 'choose-service') return;
    this.push({ ...current, field: index, searching: false, query: '', keys: [] });
  }

  /** Brings out the keyboard on the service screen. */
  startSearch(): void {
    const current = this.screen;
    if (current.name === 'choose-service') current.searching = true;
  }

  /** The search text changed on a real keyboard (its own input method composed it). */
  setQuery(query: string): void {
    const current = this.screen;
    if (current.name !== 'choose-service') return;
    this.composing++;
    current.query = query;
    current.keys = keysOf(query);
    if (query !== '') current.searching = true;
  }

  /** A key of the on-screen keyboard: in Vietnamese the keys so far are read as Telex. */
  typeKey(key: Key): void {
    const current = this.screen;
    if (current.name !== 'choose-service') return;
    current.keys = pressKey(current.keys, key);
    const typed = current.keys.join('');
    if (typed !== '') current.searching = true;
    const serial = ++this.composing;
    const show = (text: string) => {
      // A slower answer for fewer keys must not replace a newer one.
      if (serial === this.composing && this.screen === current) current.query = text;
    };
    if (this.language !== 'vi') return show(typed);
    composeTelex(typed).then(show, () => show(typed));
  }

  /** The visitor picked a procedure: where to go depends on why they came. */
  chooseService(code: string): void {
    const current = this.screen;
    if (current.name !== 'choose-service') return;
    switch (current.purpose) {
      case 'take-number':
        this.push({ name: 'confirm-ticket', code });
        break;
      case 'check-documents':
        this.push({ name: 'documents', code, caseIndex: null, have: [] });
        break;
      case 'apply-online':
        this.push({ name: 'apply-online', code, caseIndex: null });
        break;
      case 'appointment':
        this.push({ name: 'appointment-slots', code });
        break;
    }
  }

  chooseCase(index: number): void {
    const current = this.screen;
    if (current.name === 'documents') this.push({ ...current, caseIndex: index, have: [] });
  }

  /** The visitor ticked or unticked document `index` of the chosen case. */
  toggleHave(index: number): void {
    const current = this.screen;
    if (current.name === 'documents') current.have = toggled(current.have, index);
  }

  /** From the checklist to its verdict; "Back" returns to the ticks as they were. */
  showVerdict(): void {
    const current = this.screen;
    if (current.name !== 'documents') return;
    this.push({
      name: 'documents-verdict',
      code: current.code,
      caseIndex: current.caseIndex,
      have: [...current.have],
    });
  }

  /** From the documents or online screens to taking a number for the same procedure. */
  takeNumberFor(code: string): void {
    this.push({ name: 'confirm-ticket', code });
  }

  /** To applying online; from the documents check, for the case the visitor chose. */
  applyOnlineFor(code: string, caseIndex: number | null = null): void {
    this.push({ name: 'apply-online', code, caseIndex });
  }

  bookFor(code: string): void {
    this.push({ name: 'appointment-slots', code });
  }

  chooseSlot(code: string, slot: Slot): void {
    this.push({ name: 'appointment-phone', code, slot, visitorName: null });
  }

  haveBooking(): void {
    this.push({ name: 'check-in', scanned: null });
  }

  /**
   * The barcode scanner read `text`, whatever screen is shown. A booking code is
   * checked in; an ID card fills in the name on the booking form; anything else
   * gets a message and changes nothing.
   */
  async scanned(text: string): Promise<void> {
    let read;
    try {
      read = await readScan(text);
    } catch (error) {
      this.notice = asKioskError(error).message;
      return;
    }
    const current = this.screen;
    switch (read.kind) {
      case 'booking_code':
        this.notice = null;
        this.stack = [{ name: 'home' }, { name: 'check-in', scanned: read.code }];
        break;
      case 'citizen_card':
        this.notice = null;
        if (current.name === 'appointment-phone') current.visitorName = read.name;
        else this.stack = [{ name: 'home' }, { name: 'card-bookings', visitorName: read.name }];
        break;
      case 'unreadable':
        this.notice = read.message;
        break;
    }
  }

  dismissNotice(): void {
    this.notice = null;
  }

  /** Shows a new ticket; going "back" from it would only invite a second one. */
  showTicket(view: TicketView): void {
    this.stack = [{ name: 'home' }, { name: 'ticket', view }];
  }

  showBooking(code: string, view: AppointmentView): void {
    this.stack = [{ name: 'home' }, { name: 'appointment-booked', code, view }];
  }

  /** The hidden gesture: the maintenance screen, over whatever was shown. */
  openMaintenance(): void {
    if (this.screen.name !== 'maintenance') this.stack = [{ name: 'home' }, { name: 'maintenance' }];
  }

  back(): void {
    const current = this.screen;
    if (current.name === 'choose-service' && current.searching) {
      this.composing++;
      current.searching = false;
      current.query = '';
      current.keys = [];
      return;
    }
    if (this.stack.length > 1) this.stack.pop();
  }

  goHome(): void {
    this.stack = [{ name: 'home' }];
    this.notice = null;
  }

  /** The visitor's "larger text": one size up, and back to normal after the largest. */
  largerText(): void {
    const sizes: TextSize[] = ['normal', 'large', 'extra_large'];
    const now = sizes.indexOf(this.accessibility.text_size);
    this.visitorTextSize = sizes[(now + 1) % sizes.length] ?? 'normal';
  }

  /** The visitor's high contrast switch. */
  toggleHighContrast(): void {
    this.visitorHighContrast = !this.accessibility.high_contrast;
  }

  /** The visitor's "Đọc to" switch; turning it off also ends the keypad mode. */
  toggleReadAloud(): void {
    if (this.readAloud) {
      this.visitorReadAloud = false;
      this.keypadMode = false;
      void stopSpeaking();
    } else {
      this.visitorReadAloud = true;
    }
  }

  /** A key of the keypad was pressed: the spoken mode starts. */
  startKeypadMode(): void {
    this.keypadMode = true;
  }

  /** The voice one step louder or quieter; resolves to the volume as set. */
  async changeVolume(step: number): Promise<number> {
    const wanted = Math.min(100, Math.max(MIN_VOLUME, this.volume + step));
    this.volume = await setSpeechVolume(wanted);
    return this.volume;
  }

  /** The idle reset: home, nothing remembered, the profile's language and look. */
  reset(): void {
    this.stack = [{ name: 'home' }];
    this.notice = null;
    this.language = this.config.default_language;
    this.visitorTextSize = null;
    this.visitorHighContrast = null;
    if (Date.now() - this.catalogueLoadedAt >= CATALOGUE_FRESH_MS) void this.reloadCatalogue();
    this.resetVoice();
  }

  /** The voice as the profile sets it: silent unless it reads aloud, at the usual volume. */
  private resetVoice(): void {
    const wasSpeaking = this.readAloud;
    this.visitorReadAloud = null;
    this.keypadMode = false;
    if (wasSpeaking) void stopSpeaking();
    if (this.volume !== DEFAULT_VOLUME) {
      this.volume = DEFAULT_VOLUME;
      void setSpeechVolume(DEFAULT_VOLUME);
    }
  }

  /** True when an idle reset would change nothing. */
  isPristine(): boolean {
    return (
      this.stack.length === 1 &&
      this.language === this.config.default_language &&
      this.notice === null &&
      this.visitorTextSize === null &&
      this.visitorHighContrast === null &&
      this.visitorReadAloud === null &&
      !this.keypadMode &&
      this.volume === DEFAULT_VOLUME
    );
  }

  private readySent = false;
  /** When the catalogue last arrived (milliseconds since the epoch); 0 before. */
  private catalogueLoadedAt = 0;
  /** Serial of the latest search text change, so late Telex answers are dropped. */
  private composing = 0;

  private clearAll(): void {
    this.readySent = false;
    this.config = FALLBACK_CONFIG;
    this.profileReady = false;
    this.language = FALLBACK_CONFIG.default_language;
    this.online = true;
    this.opening = null;
    this.number = null;
    this.catalogue = null;
    this.catalogueError = null;
    this.catalogueLoading = false;
    this.catalogueLoadedAt = 0;
    this.stack = [{ name: 'home' }];
    this.notice = null;
    this.visitorTextSize = null;
    this.visitorHighContrast = null;
    this.visitorReadAloud = null;
    this.keypadMode = false;
    this.volume = DEFAULT_VOLUME;
  }

  private push(screen: Screen): void {
    this.notice = null;
    this.stack.push(screen);
  }

  private connectionChanged(
    { online, opening, number }: Partial<ConnectionState>,
    reload = true,
  ): void {
    this.online = online ?? true;
    this.opening = opening ?? null;
    this.number = number ?? null;
    if (reload && this.online && (!this.catalogue || this.catalogue.from_cache)) {
      void this.reloadCatalogue();
    }
  }
}

/** The kiosk's state, shared by every screen. */
export const kiosk = new KioskState();

/** The string `key` in the visitor's language. */
export function t(key: StringKey, params?: Params): string {
  return translate(key, kiosk.language, params);
}

/** A bilingual value from the kiosk in the visitor's language. */
export function l(text: LocalizedText): string {
  return pick(text, kiosk.language);
}

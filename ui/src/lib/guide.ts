// The spoken guide: reads each screen aloud when "Đọc to" is on, says what the visitor
// touches, and in the keypad mode moves through the screen item by item (EZ Access
// style) so that a visitor who cannot see the screen can use the kiosk from start to end.
// What is said is decided in `speech.ts` from the screen itself; this file only listens.

import type { LocalizedText } from '../generated/types';
import { repeatSpeaking, speak } from './kiosk';
import {
  INTERACTIVE,
  itemWords,
  keyboardOf,
  keypadAction,
  keypadItems,
  languageOf,
  nextItem,
  screenSentences,
  spelled,
  startsKeypadMode,
  wrapsRound,
  type ItemWords,
} from './speech';
import { kiosk, l, t } from './state.svelte';

/** A touch this recent is said again before the screen it opened. */
const TOUCH_LEADS_SCREEN_MS = 1500;
/** One press of a volume key. */
const VOLUME_STEP = 20;

export class SpokenGuide {
  private touched: { words: string; at: number } | null = null;
  /** The item the keypad is on: followed apart from the focus, since a button that cannot
   *  be used yet cannot take the focus but is still said in its place. */
  private current: HTMLElement | null = null;
  private main: HTMLElement | null = null;

  constructor(private readonly doc: Document = document) {}

  /** The screen area whose heading and choices are read. */
  attach(main: HTMLElement | null): void {
    this.main = main;
  }

  /** Says `texts` in the visitor's language, when screens are read aloud. */
  sayIfReading(texts: (string | null | undefined)[]): void {
    if (!kiosk.readAloud) return;
    this.say(texts.filter((text): text is string => !!text));
  }

  /** A bilingual message (a notice, an error), when screens are read aloud. */
  sayMessage(message: LocalizedText): void {
    this.sayIfReading([l(message)]);
  }

  /** A new screen, a new language, or the voice just turned on: the screen's question
   *  and choices, after what was touched to open it. */
  announceScreen(withHelp = false): void {
    if (!kiosk.readAloud || !this.main) return;
    const sentences: string[] = [];
    if (withHelp) sentences.push(t('spokenKeypadHelp'));
    const touched = this.touched;
    this.touched = null;
    if (touched && performance.now() - touched.at < TOUCH_LEADS_SCREEN_MS) {
      sentences.push(touched.words);
    }
    // An open dialog (the idle warning) is what the visitor must answer first.
    const dialog = this.doc.querySelector<HTMLElement>('[role="alertdialog"], [role="dialog"]');
    sentences.push(
      ...screenSentences(dialog ?? this.main, kiosk.language, {
        choices: t('spokenChoices'),
        keyboard: t('spokenKeyboard'),
        more: (n) => t('spokenMore', { n }),
      }),
    );
    this.say(sentences);
  }

  /** Any touch or click (capture phase): says what was touched. */
  readonly onClick = (event: MouseEvent): void => {
    if (!kiosk.readAloud || this.choosing) return;
    const control = (event.target as Element | null)?.closest(INTERACTIVE);
    if (!control) return;
    const words = itemWords(control, kiosk.language, this.itemWords());
    this.touched = { words, at: performance.now() };
    // The keypad goes on from what was touched.
    this.current = null;
    this.say([words], languageOf(control, kiosk.language));
    // A key of an on-screen keyboard: then what is typed so far, once the key took effect.
    if (keyboardOf(control)) {
      setTimeout(() => this.say([words, this.typedSoFar()]), 0);
    }
  };

  /** Any key (after the scanner had its look): the keypad mode's keys. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    const active = this.doc.activeElement;
    const inTextField = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
    const action = keypadAction(event, inTextField);
    if (action === null) return;
    if (!kiosk.keypadMode) {
      if (!startsKeypadMode(action)) return;
      event.preventDefault();
      kiosk.startKeypadMode();
      // The effect that follows the mode says the screen; the instructions come first.
      this.pendingHelp = true;
      return;
    }
    switch (action) {
      case 'next':
      case 'previous':
      case 'next-key':
      case 'previous-key': {
        event.preventDefault();
        const step = action === 'next' || action === 'next-key' ? 1 : -1;
        const items = keypadItems(this.doc);
        const at = this.current && items.includes(this.current) ? this.current : active;
        const withinKeys = action === 'next-key' || action === 'previous-key';
        const wraps = !withinKeys && wrapsRound(items, at, step);
        const target = nextItem(items, at, step, withinKeys);
        if (!target) return;
        this.current = target;
        focusItem(target);
        const words = itemWords(target, kiosk.language, this.itemWords());
        if (wraps && step === 1) this.say([t('spokenTop'), words]);
        else this.say([words], languageOf(target, kiosk.language));
        return;
      }
      case 'choose': {
        const chosen = this.current?.isConnected ? this.current : active;
        if (!chosen || chosen === this.doc.body) return;
        // The field's own Enter (check in, search).
        if (chosen === active && inTextField) return;
        event.preventDefault();
        if (chosen.matches(INTERACTIVE) && !(chosen as HTMLButtonElement).disabled) {
          // Just heard, so not said again; a new screen says itself. A choice that stays
          // on the screen (a switch, a key) says what it is now.
          this.choosing = true;
          try {
            (chosen as HTMLElement).click();
          } finally {
            this.choosing = false;
          }
          setTimeout(() => {
            // Gone with its screen, or at work (checking in, taking a number): the next
            // screen or message speaks for it.
            if (!chosen.isConnected || chosen.getAttribute('aria-busy') === 'true') return;
            const words = itemWords(chosen, kiosk.language, this.itemWords());
            this.say(keyboardOf(chosen) ? [words, this.typedSoFar()] : [words]);
          }, 0);
        } else {
          this.say([itemWords(chosen, kiosk.language, this.itemWords())]);
        }
        return;
      }
      case 'help':
        event.preventDefault();
        this.announceScreen(true);
        return;
      case 'repeat':
        event.preventDefault();
        void repeatSpeaking();
        return;
      case 'louder':
      case 'quieter':
        event.preventDefault();
        void kiosk
          .changeVolume(action === 'louder' ? VOLUME_STEP : -VOLUME_STEP)
          .then((n) => this.say([t('spokenVolume', { n })]));
        return;
      case 'back':
        event.preventDefault();
        if (kiosk.stack.length > 1) kiosk.back();
        return;
    }
  };

  /** True while the keypad's Enter clicks an item: the click is not a touch to be said. */
  private choosing = false;

  /** Set when the keypad mode starts: its first announcement begins with the instructions. */
  pendingHelp = false;

  /** The screen's announcement once the mode or screen changed: with the instructions the
   *  first time the keypad mode speaks. */
  announceAfterChange(): void {
    const withHelp = this.pendingHelp && kiosk.keypadMode;
    this.pendingHelp = false;
    this.announceScreen(withHelp);
  }

  private say(texts: string[], language = kiosk.language): void {
    void speak(texts.map((text) => ({ text, language })));
  }

  private itemWords(): ItemWords {
    return {
      chosen: t('spokenChosen'),
      unavailable: t('spokenUnavailable'),
    };
  }

  /** What the screen's text field holds: a code spelled letter by letter. */
  private typedSoFar(): string {
    const field = this.main?.querySelector<HTMLInputElement>('input[type="text"], input[type="search"], input:not([type])');
    const value = field?.value ?? '';
    if (value === '') return t('spokenNothingTyped');
    return t('spokenTyped', { text: field?.hasAttribute('data-spell') ? spelled(value) : value });
  }
}

/** Moves the focus to `item`, making a heading or a text focusable for it, and brings it
 *  into view. */
function focusItem(item: HTMLElement): void {
  if (!item.matches(INTERACTIVE) && !item.hasAttribute('tabindex')) item.setAttribute('tabindex', '-1');
  item.focus({ preventScroll: true });
  item.scrollIntoView?.({ block: 'nearest' });
}

/** The kiosk's guide, shared by the shell and the components that speak. */
export const guide = new SpokenGuide();

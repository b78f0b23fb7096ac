// The UI's only door to the kiosk: typed wrappers over the Rust commands.
// The UI never touches the network; the Rust side talks to the central server.
// Every wrapper rejects with a KioskError, whatever went wrong.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AppointmentView,
  CardBookings,
  CatalogueView,
  ConnectionState,
  ConnectionTest,
  DaySlots,
  KioskConfig,
  KioskError,
  LocalizedText,
  MaintenanceError,
  MaintenanceInfo,
  OnlineHandoff,
  Priority,
  QrSvg,
  ScanRead,
  SpokenSentence,
  TestPrint,
  TicketView,
} from '../generated/types';
import { strings } from './i18n';

/** The kiosk's profile as the UI needs it. */
export function kioskConfig(): Promise<KioskConfig> {
  return call('kiosk_config');
}

/** Whether the central server answers now. */
export function connectionState(): Promise<ConnectionState> {
  return call('connection_state');
}

/** The office's time now (RFC 3339 with its offset), as the central's clock runs on
 *  in the kiosk; null until the central first answered. Never the machine's clock. */
export function officeNow(): Promise<string | null> {
  return call('office_now');
}

/** Calls `handler` each time the central server goes away or comes back, the office
 *  opens or closes, or what a visitor may do changes. */
export function onConnectionChanged(
  handler: (state: ConnectionState) => void,
): Promise<UnlistenFn> {
  return listen<ConnectionState>('connection-changed', (event) => handler(event.payload));
}

/** Calls `handler` when the central sent a newer profile, to apply between visitors. */
export function onProfileReady(handler: () => void): Promise<UnlistenFn> {
  return listen('profile-ready', () => handler());
}

/** Applies the newer profile, if one waits: its configuration, or null when none did. */
export function applyProfile(): Promise<KioskConfig | null> {
  return call('apply_profile');
}

/** The office's catalogue, from the central or the kiosk's cache. */
export function loadCatalogue(): Promise<CatalogueView> {
  return call('load_catalogue');
}

/** Procedure codes matching `query`, best first. */
export function searchProcedures(query: string): Promise<string[]> {
  return call('search_procedures', { query });
}

/** The text that the keys pressed `keys` type in Telex (`khais` → `khái`). */
export function composeTelex(keys: string): Promise<string> {
  return call('compose_telex', { keys });
}

/** A QR code of the public checklist page of `code`, narrowed to dossier case `caseIndex`. */
export function checklistQr(code: string, caseIndex: number | null): Promise<QrSvg> {
  return call('checklist_qr', { code, caseIndex });
}

/** Where to apply online for `code` (the office's portal), as a QR code. */
export function onlineHandoff(code: string): Promise<OnlineHandoff> {
  return call('online_handoff', { code });
}

/**
 * Issues a queue ticket for the procedure `service`. With `print`, the kiosk's printer is
 * asked first and rejects with `printer_unavailable` (no number issued) when it cannot
 * print; without it, the ticket is on screen only.
 */
export function takeTicket(
  service: string,
  priority: Priority,
  print = true,
): Promise<TicketView> {
  return call('take_ticket', { service, priority, print });
}

/** Free appointment slots of the next working days for `service`. */
export function upcomingSlots(service: string): Promise<DaySlots[]> {
  return call('upcoming_slots', { service });
}

/**
 * Books the slot starting at `slotStart` (RFC 3339) for `service`, with the visitor's
 * phone and, when their ID card was scanned, their name.
 */
export function bookAppointment(
  service: string,
  slotStart: string,
  phone: string,
  name: string | null = null,
): Promise<AppointmentView> {
  return call('book_appointment', { service, slotStart, phone, name });
}

/** Says `sentences` aloud in order, cutting whatever was being said. Never rejects: a
 *  kiosk without a voice still works for those who see it. */
export function speak(sentences: SpokenSentence[]): Promise<void> {
  return call<void>('speak', { sentences }).catch(() => undefined);
}

/** Stops the voice at once. */
export function stopSpeaking(): Promise<void> {
  return call<void>('stop_speaking').catch(() => undefined);
}

/** Says the last sentences again. */
export function repeatSpeaking(): Promise<void> {
  return call<void>('repeat_speaking').catch(() => undefined);
}

/** Sets the voice's loudness in percent; resolves to it as set. */
export function setSpeechVolume(percent: number): Promise<number> {
  return call<number>('set_speech_volume', { percent }).catch(() => percent);
}

/** Why `phone` cannot be used as a Vietnamese mobile number, or null when it can. */
export function phoneProblem(phone: string): Promise<LocalizedText | null> {
  return call('phone_problem', { phone });
}

/** Today's bookings under the name read from an ID card (only the name is sent). */
export function bookingsForCard(name: string): Promise<CardBookings> {
  return call('bookings_for_card', { name });
}

/** What a barcode scan is: a booking code, an ID card (its holder's name only), or neither. */
export function readScan(text: string): Promise<ScanRead> {
  return call('read_scan', { text });
}

/** Turns a booking code into a queue ticket. */
export function checkIn(code: string): Promise<TicketView> {
  return call('check_in', { code });
}

// The maintenance screen's commands reject with a MaintenanceError. The kiosk keeps whether
// the screen is open; every command but the unlock is refused while it is not.

/** Opens the maintenance screen with the staff PIN. */
export function maintenanceUnlock(pin: string): Promise<MaintenanceInfo> {
  return callMaintenance('maintenance_unlock', { pin });
}

/** Closes the maintenance screen on the kiosk's side. */
export function maintenanceLock(): Promise<void> {
  return callMaintenance('maintenance_lock');
}

/** Asks the central whether it answers, knows this office and accepts the kiosk's token. */
export function maintenanceConnectionTest(): Promise<ConnectionTest> {
  return callMaintenance('maintenance_connection_test');
}

/** Prints a test page on the kiosk's printer. */
export function maintenancePrintTestPage(): Promise<TestPrint> {
  return callMaintenance('maintenance_print_test_page');
}

/** The kiosk's recent log lines, oldest first. */
export function maintenanceRecentLogs(): Promise<string[]> {
  return callMaintenance('maintenance_recent_logs');
}

/** Restarts the kiosk app. */
export function maintenanceRestart(): Promise<void> {
  return callMaintenance('maintenance_restart');
}


/** Tells the kiosk the home screen is ready for touches (start-up benchmark). */
export function uiReady(): Promise<void> {
  return call('ui_ready');
}

/** `error` as a KioskError: itself when it is one, else an internal error. */
export function asKioskError(error: unknown): KioskError {
  if (isKioskError(error)) return { ...error, next_slots: error.next_slots ?? [] };
  return { kind: 'internal', message: strings.errorInternal, next_slots: [] };
}

function isKioskError(value: unknown): value is KioskError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<KioskError>;
  return (
    typeof candidate.kind === 'string' &&
    typeof candidate.message === 'object' &&
    candidate.message !== null &&
    typeof candidate.message.vi === 'string' &&
    typeof candidate.message.en === 'string'
  );
}

/** `error` as a MaintenanceError; anything else reads as "not unlocked", back to the PIN. */
export function asMaintenanceError(error: unknown): MaintenanceError {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const candidate = error as Partial<MaintenanceError>;
    if (
      candidate.kind === 'no_pin_set' ||
      candidate.kind === 'wrong_pin' ||
      candidate.kind === 'locked_out' ||
      candidate.kind === 'not_unlocked'
    ) {
      return {
        kind: candidate.kind,
        locked_until: candidate.locked_until ?? null,
        tries_left: candidate.tries_left ?? null,
      };
    }
  }
  return { kind: 'not_unlocked', locked_until: null, tries_left: null };
}

async function callMaintenance<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    const refusal = asMaintenanceError(error);
    if (refusal.kind === 'not_unlocked' && !isNotUnlocked(error)) {
      console.error(`kiosk command ${command} failed`, error);
    }
    return Promise.reject(refusal);
  }
}

function isNotUnlocked(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'not_unlocked';
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (!isKioskError(error)) console.error(`kiosk command ${command} failed`, error);
    const kioskError = asKioskError(error);
    return Promise.reject(kioskError);
  }
}

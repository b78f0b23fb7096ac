// What the kiosk says of a screen, and how the keypad moves through it.
//
// The words come from the screen as shown, so every screen is read without a second copy
// of its text: its heading (the question), what it marks with `data-speak` (a ticket's
// facts, a verdict), then its choices. Words in the other language (the small labels
// under the main ones) are left out. The Rust side puts the numbers into words.

import type { Language } from '../generated/types';

/** What a key of the keypad does in the spoken mode. */
export type KeypadAction =
  | 'next'
  | 'previous'
  | 'next-key'
  | 'previous-key'
  | 'choose'
  | 'help'
  | 'repeat'
  | 'louder'
  | 'quieter'
  | 'back';

/** Most choices named when a screen opens; the rest are reached with the keypad. */
export const MAX_CHOICES_NAMED = 12;

/** Text a screen says before its choices: headings, what it marks to be read, and the
 *  status and alert messages it shows. */
export const READ = 'h1, h2, [data-speak], [role="status"], [role="alert"]';

/** What a visitor can act on. */
export const INTERACTIVE = 'button, a[href], input, select, textarea, [role="button"], [role="link"]';

/**
 * The action of a key press in the spoken mode, or null for a key it leaves alone.
 * A USB audio keypad (EZ Access style) sends arrows, Enter, Help and volume keys; a
 * numeric keypad without Num Lock sends the same arrows, Clear (its 5) and Insert (its 0),
 * used for repeat and help, and its + and - for the volume. Keys typed into a text field are left to the field, except
 * Enter, arrows up and down and the function keys.
 */
export function keypadAction(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  inTextField: boolean,
): KeypadAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return 'next';
    case 'ArrowUp':
      return 'previous';
    case 'ArrowRight':
      return inTextField ? null : 'next-key';
    case 'ArrowLeft':
      return inTextField ? null : 'previous-key';
    case 'Enter':
      return 'choose';
    case ' ':
      return inTextField ? null : 'choose';
    case 'F1':
    case 'Help':
      return 'help';
    case 'F2':
    case 'Clear': // the keypad's 5 without Num Lock
      return 'repeat';
    case 'Insert': // the keypad's 0 without Num Lock
      return inTextField ? null : 'help';
    case 'AudioVolumeUp':
      return 'louder';
    case 'AudioVolumeDown':
      return 'quieter';
    case 'Escape':
      return 'back';
    case 'Backspace':
      return inTextField ? null : 'back';
  }
  // The keypad's + and -, told apart from the same characters typed (or sent by a barcode
  // scanner, which types like a keyboard) by where they are. Its digits with Num Lock on
  // stay digits, to type a booking code.
  switch (event.code) {
    case 'NumpadAdd':
      return 'louder';
    case 'NumpadSubtract':
      return 'quieter';
  }
  return null;
}

/** The keys that turn the spoken mode on when it is off: a visitor who cannot see the
 *  screen finds the arrows or the help key first. */
export function startsKeypadMode(action: KeypadAction | null): boolean {
  return action === 'next' || action === 'previous' || action === 'help';
}

/** The words of `element` in `language`: its label, or its text without the words in
 *  another language and without what is hidden. */
export function spokenName(element: Element, language: Language): string {
  const label = element.getAttribute('aria-label');
  if (label) return tidy(label);
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const doc = element.ownerDocument;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id))
      .filter((el): el is HTMLElement => el !== null)
      .map((el) => spokenName(el, language))
      .join(' ');
    if (text) return tidy(text);
  }
  if (element instanceof HTMLInputElement) {
    return tidy(element.value || element.placeholder);
  }
  return tidy(wordsOf(element, language, false));
}

/** The words a text block says, without the controls inside it (each an item of its own). */
export function blockWords(element: Element, language: Language): string {
  const marked = element.getAttribute('data-speak');
  if (marked) return tidy(marked);
  return tidy(wordsOf(element, language, true));
}

function wordsOf(node: Node, language: Language, skipControls: boolean, nested = false): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (isHidden(node)) return '';
  if (skipControls && node.matches(INTERACTIVE)) return '';
  // Words in the other language inside a control (the small label under the main one) are
  // left out; a control wholly in another language (its name) is said.
  const lang = node.getAttribute('lang');
  if (nested && lang && lang !== language) return '';
  const parts: string[] = [];
  for (const child of node.childNodes) parts.push(wordsOf(child, language, skipControls, true));
  // Blocks and list items inside are separate phrases.
  const block = nested && /^(P|DIV|LI|DT|DD|H[1-6]|SECTION|FIGCAPTION)$/.test(node.tagName);
  // Elements side by side (an icon's label, two spans) are separate words.
  return block ? ` ${parts.join(' ')}. ` : parts.join(' ');
}

function isHidden(element: Element): boolean {
  return (
    element.getAttribute('aria-hidden') === 'true' ||
    element.hasAttribute('hidden') ||
    element.tagName === 'svg' ||
    element.tagName === 'SCRIPT' ||
    element.tagName === 'STYLE'
  );
}

/** Spaces collapsed, repeated stops dropped: "Lấy số . . Take" → "Lấy số. Take". */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(\s*[.:!?]\s*)(\.\s*)+/g, '$1')
    .replace(/\s+([.,:!?])/g, '$1')
    .replace(/^[\s.]+/, '')
    .trim();
}

/** What a visitor hears of an item moved to: its name, and whether it is the one chosen or
 *  cannot be used yet. */
export function itemWords(element: Element, language: Language, words: ItemWords): string {
  const name = element.matches(INTERACTIVE)
    ? spokenName(element, language)
    : blockWords(element, language);
  const parts = [name];
  // A choice among several, or a switch (whose words already say on or off): "chosen".
  if (element.getAttribute('aria-pressed') === 'true' || element.getAttribute('aria-current') === 'true') {
    parts.push(words.chosen);
  }
  if ((element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true') {
    parts.push(words.unavailable);
  }
  return parts.filter((p) => p !== '').join(', ');
}

/** Words said beside an item's name, in the screen's language. */
export interface ItemWords {
  chosen: string;
  unavailable: string;
}

/** The language `element` is written in: its own `lang`, or the screen's. */
export function languageOf(element: Element, screen: Language): Language {
  const lang = element.getAttribute('lang');
  return lang === 'vi' || lang === 'en' ? lang : screen;
}

/** Whether `element` is shown: not hidden by CSS, nor inside something hidden. */
function isShown(element: Element): boolean {
  if (element.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  const view = element.ownerDocument.defaultView;
  if (!view) return true;
  const style = view.getComputedStyle(element);
  return style.display !== 'none' && style.visibility !== 'hidden';
}

/**
 * The items the keypad moves through, in order: the screen's heading, what the screen
 * marks to be read, its controls, then the bar's (Back, Home) and the visitor's own
 * (languages, text size, contrast, reading aloud). While a dialog is open, only its own.
 */
export function keypadItems(doc: Document): HTMLElement[] {
  const dialog = doc.querySelector<HTMLElement>('[role="alertdialog"], [role="dialog"]');
  const areas = dialog
    ? [dialog]
    : [
        doc.querySelector<HTMLElement>('main'),
        doc.querySelector<HTMLElement>('footer'),
        doc.querySelector<HTMLElement>('header'),
        doc.querySelector<HTMLElement>('[data-testid="notice"]'),
      ];
  const items: HTMLElement[] = [];
  for (const area of areas) {
    if (!area) continue;
    for (const element of area.querySelectorAll<HTMLElement>(`${READ}, ${INTERACTIVE}`)) {
      if (!isShown(element) || items.includes(element)) continue;
      if (element.matches(INTERACTIVE)) {
        items.push(element);
        continue;
      }
      // Text inside a control is read with it; text inside text already taken, with that.
      if (element.parentElement?.closest(INTERACTIVE)) continue;
      if (items.some((item) => !item.matches(INTERACTIVE) && item.contains(element))) continue;
      if (area !== dialog && element.closest('header, footer') && !element.matches(INTERACTIVE)) continue;
      if (blockWords(element, 'vi') === '' && blockWords(element, 'en') === '') continue;
      items.push(element);
    }
  }
  return items;
}

/** The on-screen keyboard (or keypad) an item belongs to, if any. */
export function keyboardOf(element: Element | null): HTMLElement | null {
  return element?.closest<HTMLElement>('[data-keys]') ?? null;
}

/**
 * The item to move to from `current`: `step` places on (wrapping round), where an
 * on-screen keyboard counts as one place, entered at its first key. `withinKeys` moves key
 * by key inside the keyboard `current` is on instead.
 */
export function nextItem(
  items: HTMLElement[],
  current: Element | null,
  step: 1 | -1,
  withinKeys = false,
): HTMLElement | null {
  if (items.length === 0) return null;
  const keyboard = keyboardOf(current);
  if (withinKeys && keyboard) {
    const keys = items.filter((item) => keyboard.contains(item));
    const at = keys.indexOf(current as HTMLElement);
    return keys[(at + step + keys.length) % keys.length] ?? null;
  }
  // One place per item, a keyboard's keys together as one.
  const places: HTMLElement[][] = [];
  for (const item of items) {
    const board = keyboardOf(item);
    const last = places[places.length - 1];
    if (board && last && keyboardOf(last[0] ?? null) === board) last.push(item);
    else places.push([item]);
  }
  const at = places.findIndex((place) => place.includes(current as HTMLElement));
  if (at === -1) return (step === 1 ? places[0] : places[places.length - 1])?.[0] ?? null;
  const next = places[(at + step + places.length) % places.length];
  return next?.[0] ?? null;
}

/** Whether moving `step` from `current` wraps round to the other end of the screen. */
export function wrapsRound(items: HTMLElement[], current: Element | null, step: 1 | -1): boolean {
  const next = nextItem(items, current, step);
  if (!next || !current) return false;
  const [from, to] = [items.indexOf(current as HTMLElement), items.indexOf(next)];
  return step === 1 ? to <= from : to >= from;
}

/**
 * The sentences said when a screen opens: its headings, what it marks to be read and its
 * messages, in the order shown, then its choices by name (up to `MAX_CHOICES_NAMED`; an on-screen keyboard is named as a whole).
 */
export function screenSentences(
  main: HTMLElement,
  language: Language,
  words: { choices: string; keyboard: string; more: (n: number) => string },
): string[] {
  const sentences: string[] = [];
  const taken: Element[] = [];
  for (const block of main.querySelectorAll(READ)) {
    if (!isShown(block) || block.parentElement?.closest(INTERACTIVE)) continue;
    if (taken.some((outer) => outer.contains(block))) continue;
    taken.push(block);
    const text = blockWords(block, language);
    if (text) sentences.push(text);
  }
  const names: string[] = [];
  let keyboardNamed = false;
  for (const control of main.querySelectorAll<HTMLElement>(INTERACTIVE)) {
    if (!isShown(control)) continue;
    if (keyboardOf(control)) {
      if (!keyboardNamed) names.push(words.keyboard);
      keyboardNamed = true;
      continue;
    }
    const name = spokenName(control, language);
    if (name && !names.includes(name)) names.push(name);
  }
  if (names.length > 0) {
    const named = names.slice(0, MAX_CHOICES_NAMED);
    const rest = names.length - named.length;
    sentences.push(`${words.choices} ${named.join('; ')}${rest > 0 ? `; ${words.more(rest)}` : ''}.`);
  }
  return sentences.filter((s) => s !== '');
}

/** A code spelled out, one character at a time: "K7M" → "K 7 M", each said by its name. */
export function spelled(code: string): string {
  return [...code].join(' ');
}

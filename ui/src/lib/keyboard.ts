// Layouts of the on-screen keyboards. A row is ten units wide; `space` and
// `backspace` take three units each.

/** A key: a character it types, or one of the two special keys. */
export type Key = string | 'space' | 'backspace';

/** Rows of keys. */
export type Layout = readonly (readonly Key[])[];

/** For searching by name: QWERTY plus the Vietnamese letters with a shape of their own.
 *  In Vietnamese the keys are read as Telex (`aa` → â, `s` → sắc), composed on the Rust side. */
export const textLayout: Layout = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', 'backspace'],
  ['ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'space'],
];

/** For booking codes: digits and capital letters. */
export const codeLayout: Layout = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M', 'backspace'],
];

/** `text` after pressing `key`. */
export function press(text: string, key: Key, maxLength = 60): string {
  if (key === 'backspace') return [...text].slice(0, -1).join('');
  const typed = key === 'space' ? ' ' : key;
  return text.length >= maxLength ? text : text + typed;
}

/** Most keys a search takes. */
export const MAX_KEYS = 60;

/** The keys pressed so far after pressing `key`: Delete takes back the last key. */
export function pressKey(keys: readonly string[], key: Key, maxKeys = MAX_KEYS): string[] {
  if (key === 'backspace') return keys.slice(0, -1);
  if (keys.length >= maxKeys) return [...keys];
  return [...keys, key === 'space' ? ' ' : key];
}

/** The keys of text typed on a real keyboard, one per character. */
export function keysOf(text: string): string[] {
  return [...text];
}

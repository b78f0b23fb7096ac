// Layouts of the on-screen keyboards. A row is ten units wide; `space` and
// `backspace` take three units each.

/** A key: a character it types, or one of the two special keys. */
export type Key = string | 'space' | 'backspace';

/** Rows of keys. */
export type Layout = readonly (readonly Key[])[];

/** For searching by name: QWERTY plus the Vietnamese letters with a shape of their own.
 *  Tone marks are not typed; the Rust search ignores them. */
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

import { describe, expect, test } from 'vitest';
import { codeLayout, keysOf, MAX_KEYS, press, pressKey, textLayout } from './keyboard';
import { groupPhone, phoneComplete, typeDigit } from './phone';

describe('on-screen keyboards', () => {
  test('every row is ten units wide', () => {
    for (const layout of [textLayout, codeLayout]) {
      for (const row of layout) {
        const width = row.reduce((sum, key) => sum + (key === 'space' || key === 'backspace' ? 3 : 1), 0);
        expect(width === 10 || width === 9).toBe(true);
      }
    }
  });

  test('typing, spaces and deleting Vietnamese letters', () => {
    let text = '';
    for (const key of ['đ', 'ă', 'n', 'g', 'space', 'k', 'backspace']) text = press(text, key);
    expect(text).toBe('đăng ');
    expect(press('abc', 'x', 3)).toBe('abc');
  });

  test('the search keeps the keys pressed; Delete takes back the last one', () => {
    let keys: string[] = [];
    for (const key of ['k', 'h', 'a', 'i', 's', 'space', 'đ']) keys = pressKey(keys, key);
    // Rust reads them as Telex: "khais đ" → "khái đ".
    expect(keys.join('')).toBe('khais đ');
    keys = pressKey(pressKey(keys, 'backspace'), 'backspace');
    expect(keys.join('')).toBe('khais');
    expect(pressKey([], 'backspace')).toEqual([]);
    const full = Array.from({ length: MAX_KEYS }, () => 'a');
    expect(pressKey(full, 'b')).toHaveLength(MAX_KEYS);
    expect(keysOf('đăng')).toEqual(['đ', 'ă', 'n', 'g']);
  });

  test('the phone keypad stops at ten digits', () => {
    let phone = '';
    for (const digit of '091234567899') phone = typeDigit(phone, digit);
    expect(phone).toBe('0912345678');
    expect(phoneComplete(phone)).toBe(true);
    expect(phoneComplete('912345678')).toBe(false);
    expect(groupPhone(phone)).toBe('0912 345 678');
  });
});

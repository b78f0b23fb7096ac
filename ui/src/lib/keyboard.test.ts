import { describe, expect, test } from 'vitest';
import { codeLayout, press, textLayout } from './keyboard';
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

  test('the phone keypad stops at ten digits', () => {
    let phone = '';
    for (const digit of '091234567899') phone = typeDigit(phone, digit);
    expect(phone).toBe('0912345678');
    expect(phoneComplete(phone)).toBe(true);
    expect(phoneComplete('912345678')).toBe(false);
    expect(groupPhone(phone)).toBe('0912 345 678');
  });
});

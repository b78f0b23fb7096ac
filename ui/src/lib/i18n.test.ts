import { describe, expect, test } from 'vitest';
import { otherLanguage, strings, translate } from './i18n';

describe('dictionary', () => {
  test('every string has both languages with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(strings)) {
      expect(text.vi, key).not.toBe('');
      expect(text.en, key).not.toBe('');
      if (!key.startsWith('dayDate') && !key.startsWith('fullDate')) {
        expect(placeholders(text.vi), key).toEqual(placeholders(text.en));
      }
    }
  });

  test('placeholders are filled', () => {
    expect(translate('minutes', 'vi', { n: 12 })).toBe('12 phút');
    expect(translate('placesLeft', 'en', { n: 3 })).toBe('3 left');
    expect(otherLanguage('vi')).toBe('en');
  });

  test('the exact labels the office asked for', () => {
    expect(strings.actionTakeNumber).toEqual({ vi: 'Lấy số thứ tự', en: 'Take a number' });
    expect(strings.offline).toEqual({
      vi: 'Mất kết nối với máy chủ. Đang thử lại…',
      en: 'Cannot reach the server. Retrying…',
    });
    expect(strings.idleTitle).toEqual({ vi: 'Bạn còn ở đó không?', en: 'Are you still there?' });
  });
});

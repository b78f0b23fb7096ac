import { expect, it } from 'vitest';
import { clockText, localTime, openingText } from './time';

it('shows times in the office’s zone, not the machine’s', () => {
  const at = new Date('2026-12-02T02:05:00Z');
  expect(clockText(at, 'Asia/Ho_Chi_Minh')).toBe('09:05');
  expect(clockText(at, 'UTC')).toBe('02:05');
  expect(openingText('2026-12-03T08:00:00+07:00', 'Asia/Ho_Chi_Minh').en).toBe('Thursday 3 December at 08:00');
  expect(localTime('2026-12-02T09:05:00+07:00')).toBe('09:05');
});

import { describe, expect, test } from 'vitest';
import type { Channel } from '../generated/types';
import {
  dateOf,
  feeOf,
  formatCheckInWindow,
  formatClock,
  formatClockSeconds,
  formatDateTime,
  formatDay,
  formatToday,
  formatVnd,
  timeOf,
} from './format';

describe('format', () => {
  test('slot times read as written, in the office offset', () => {
    expect(timeOf('2025-12-01T08:30:00+07:00')).toBe('08:30');
    expect(dateOf('2025-12-01T23:30:00+07:00')).toBe('2025-12-01');
  });

  test('days have their weekday in either language', () => {
    expect(formatDay('2025-12-01', 'vi')).toBe('Thứ Hai, 01/12');
    expect(formatDay('2025-12-07', 'vi')).toBe('Chủ Nhật, 07/12');
    expect(formatDay('2025-12-01', 'en')).toBe('Monday 1 December');
    expect(formatDateTime('2026-01-02T14:00:00+07:00', 'vi')).toBe('14:00, Thứ Sáu, 02/01');
  });

  test("the clock shows the office time as the kiosk gives it, whatever the machine's zone", () => {
    expect(formatToday('2025-12-31T09:05:09+07:00', 'vi')).toBe('Thứ Tư, 31/12/2025');
    expect(formatToday('2025-12-31T09:05:09+07:00', 'en')).toBe('Wednesday 31 December 2025');
    expect(formatClock('2025-12-31T09:05:09+07:00')).toBe('09:05');
    expect(formatClockSeconds('2025-12-31T09:05:09+07:00')).toBe('09:05:09');
    // Just after the office's midnight: its new day, though UTC is still on the old one.
    expect(formatToday('2026-01-01T00:30:00+07:00', 'vi')).toBe('Thứ Năm, 01/01/2026');
    expect(formatClock('2026-01-01T00:30:00+07:00')).toBe('00:30');
  });

  test('amounts group digits the local way', () => {
    expect(formatVnd(200000, 'vi')).toBe('200.000 đồng');
    expect(formatVnd(10000, 'en')).toBe('10,000 VND');
    expect(formatVnd(0, 'vi')).toBe('0 đồng');
  });

  test('a fee reads as worded, else as an amount, else unknown', () => {
    const channel: Channel = {
      kind: 'direct',
      processing_time: { vi: 'Trong ngày', en: 'Same day' },
      fee_vnd: 8000,
      fee_note: { vi: '', en: '' },
    };
    expect(feeOf(channel, 'vi')).toBe('8.000 đồng');
    expect(feeOf({ ...channel, fee_note: { vi: 'Miễn lệ phí', en: 'Free' } }, 'en')).toBe('Free');
    expect(feeOf({ ...channel, fee_vnd: null }, 'vi')).toBeNull();
  });

  test('the check-in window names its day once', () => {
    expect(
      formatCheckInWindow('2025-12-01T07:45:00+07:00', '2025-12-01T08:40:00+07:00', 'vi'),
    ).toBe('Hãy đến và nhập mã này tại máy từ 07:45 đến 08:40, Thứ Hai, 01/12.');
    expect(
      formatCheckInWindow('2025-12-01T16:00:00+07:00', '2025-12-02T08:00:00+07:00', 'en'),
    ).toBe('Come and enter this code at the kiosk between 16:00, Monday 1 December and 08:00, Tuesday 2 December.');
  });
});

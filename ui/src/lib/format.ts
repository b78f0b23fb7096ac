// How dates, times and amounts read on the kiosk, in either language.
// Slot times and the office's clock arrive as RFC 3339 with the office's offset; they
// are shown as written (office time), never converted through the browser's time zone.

import type { Channel, Language } from '../generated/types';
import { translate, type StringKey } from './i18n';

/** `HH:MM` of an RFC 3339 timestamp, in the offset it was written with. */
export function timeOf(timestamp: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(timestamp);
  return match ? `${match[1]}:${match[2]}` : timestamp;
}

/** `YYYY-MM-DD` of an RFC 3339 timestamp, in the offset it was written with. */
export function dateOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/** A local date `YYYY-MM-DD` as a day name and date: "Thứ Hai, 01/12". */
export function formatDay(isoDate: string, lang: Language): string {
  const parts = dateParts(isoDate);
  if (!parts) return isoDate;
  return translate('dayDate', lang, dayParams(parts, lang));
}

/** An RFC 3339 timestamp as time and day: "08:00, Thứ Hai, 01/12". */
export function formatDateTime(timestamp: string, lang: Language): string {
  return translate('dateTime', lang, {
    time: timeOf(timestamp),
    date: formatDay(dateOf(timestamp), lang),
  });
}

/** When a booking can be checked in, naming the day once when it is one day. */
export function formatCheckInWindow(opensAt: string, closesAt: string, lang: Language): string {
  if (dateOf(opensAt) === dateOf(closesAt)) {
    return translate('bookedCheckInDay', lang, {
      from: timeOf(opensAt),
      to: timeOf(closesAt),
      date: formatDay(dateOf(opensAt), lang),
    });
  }
  return translate('bookedCheckIn', lang, {
    from: formatDateTime(opensAt, lang),
    to: formatDateTime(closesAt, lang),
  });
}

/** The kiosk clock's time, from the office time the kiosk's Rust side gives (RFC 3339
 *  with the office's offset): "14:05". Read as written, whatever the machine's zone. */
export function formatClock(officeNow: string): string {
  return timeOf(officeNow);
}

/** An office time to the second, as written: "14:05:09". */
export function formatClockSeconds(officeTime: string): string {
  const match = /T(\d{2}):(\d{2}):(\d{2})/.exec(officeTime);
  return match ? `${match[1]}:${match[2]}:${match[3]}` : officeTime;
}

/** The kiosk clock's date, from the office time: "Thứ Hai, 01/12/2025". */
export function formatToday(officeNow: string, lang: Language): string {
  const isoDate = dateOf(officeNow);
  const parts = dateParts(isoDate);
  if (!parts) return isoDate;
  return translate('fullDate', lang, { ...dayParams(parts, lang), year: parts.year });
}

/** An amount in đồng with the language's digit grouping: "2.000" or "2,000". */
export function formatVnd(amount: number, lang: Language): string {
  const grouped = Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return translate('feeVnd', lang, { n: grouped });
}

/** A channel's fee as the record words it, else its fixed amount; null when neither is known. */
export function feeOf(channel: Channel, lang: Language): string | null {
  const words = channel.fee_note[lang].trim();
  if (words !== '') return words;
  return channel.fee_vnd === null ? null : formatVnd(channel.fee_vnd, lang);
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

function dateParts(isoDate: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // UTC so that the weekday of a calendar date never depends on the browser's zone.
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, weekday };
}

function dayParams(parts: DateParts, lang: Language): Record<string, string | number> {
  return {
    weekday: translate(`weekday${parts.weekday}` as StringKey, lang),
    day: lang === 'vi' ? pad(parts.day) : parts.day,
    month: pad(parts.month),
    monthName: translate(`month${parts.month}` as StringKey, lang),
  };
}

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

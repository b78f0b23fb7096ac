// Times shown in the office's own time zone, whatever the zone of the machine.

/** `HH:MM` in `timeZone`. */
export function clockText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The weekday and date in Vietnamese and English, in `timeZone`. */
export function dateText(at: Date, timeZone: string): { vi: string; en: string } {
  const vi = new Intl.DateTimeFormat('vi-VN', { timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  const en = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return { vi, en };
}

/** An RFC 3339 instant as `HH:MM, weekday DD/MM` in `timeZone`, for "opens again at". */
export function openingText(rfc3339: string, timeZone: string): { vi: string; en: string } {
  const at = new Date(rfc3339);
  const time = clockText(at, timeZone);
  const vi = new Intl.DateTimeFormat('vi-VN', { timeZone, weekday: 'long', day: '2-digit', month: '2-digit' }).format(at);
  const en = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return { vi: `${time} ${vi}`, en: `${en} at ${time}` };
}

/** An RFC 3339 instant's `HH:MM` as written in it (the office's offset). */
export function localTime(rfc3339: string): string {
  const m = /T(\d{2}:\d{2})/.exec(rfc3339);
  return m?.[1] ?? '';
}

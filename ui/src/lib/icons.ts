// Simple line icons drawn on a 48×48 grid, as SVG path data. Inline SVG only:
// no icon font, nothing fetched.

/** Path data of each icon, stroked with the current text colour. */
export const icons = {
  ticket: 'M6 13h36v7a4 4 0 0 0 0 8v7H6v-7a4 4 0 0 0 0-8z M17 13v22 M23 20h13 M23 27h9',
  documents: 'M11 5h18l9 9v29H11z M29 5v9h9 M17 23h15 M17 30h15 M17 37h9',
  calendar:
    'M7 10h34v32H7z M7 18h34 M15 5v9 M33 5v9 M14 25h5 M22 25h5 M30 25h5 M14 33h5 M22 33h5',
  online: 'M5 7h38v27H5z M16 42h16 M24 34v8 M24 28V14 M18 19l6-6 6 6',
  back: 'M29 9L14 24l15 15',
  home: 'M5 23L24 7l19 16 M10 19v23h28V19 M20 42V30h8v12',
  search: 'M8 21a13 13 0 1 0 26 0a13 13 0 1 0-26 0 M30 30l12 12',
  backspace: 'M17 10h25v28H17L5 24z M23 18l12 12 M35 18L23 30',
  offline:
    'M5 18a27 27 0 0 1 38 0 M11 25a18 18 0 0 1 26 0 M17 32a9 9 0 0 1 14 0 M24 39v.5 M8 6l32 36',
  person: 'M18 12a6 6 0 1 0 12 0a6 6 0 1 0-12 0 M11 43v-7a13 13 0 0 1 26 0v7',
  elderly:
    'M16 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M20 15l-2 13 M18 28l-5 14 M18 28l5 14 M19 18l10 6 M29 24l2 18',
  disabled:
    'M20 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M24 14v13h11l4 10 M24 20h9 M17 23a10 10 0 1 0 13 13',
  pregnant:
    'M18 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M21 14l-2 15 M22 16c2 4 9 6 8 12c-1 3-5 3-10 2 M19 29l-2 14 M24 31l1 12 M21 17l-5 8',
  child:
    'M12 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M16 15v14 M16 29l-4 13 M16 29l4 13 M16 19l13 6 M31 22a3 3 0 1 0 6 0a3 3 0 1 0-6 0 M34 27v8 M34 35l-3 7 M34 35l3 7',
  check: 'M10 25l9 9 19-19',
  clock: 'M5 24a19 19 0 1 0 38 0a19 19 0 1 0-38 0 M24 12v12l8 6',
  mail: 'M6 12h36v25H6z M6 12l18 15 18-15',
  booking: 'M7 10h34v32H7z M7 18h34 M15 5v9 M33 5v9 M16 30l6 6 10-10',
  'text-size': 'M4 40L15 10l11 30 M8 30h14 M28 40l8-20 8 20 M31 33h10',
  contrast: 'M5 24a19 19 0 1 0 38 0a19 19 0 1 0-38 0 M24 5v38 M24 10h10 M24 16h16 M24 22h18 M24 28h18 M24 34h15 M24 40h9',
  family: 'M10 10a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M30 10a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M14 17v25 M34 17v25 M8 24l6-6 6 6 M28 24l6-6 6 6 M21 32a3 3 0 1 0 6 0a3 3 0 1 0-6 0 M24 36v7',
  stamp: 'M18 6h12v12l6 8H12l6-8z M8 30h32v6H8z M8 42h32',
  shop: 'M6 18l4-10h28l4 10z M6 18v4a6 6 0 0 0 12 0a6 6 0 0 0 12 0a6 6 0 0 0 12 0v-4 M9 26v16h30V26 M20 42V32h8v10',
  care: 'M24 40l-14-14a8 8 0 0 1 14-10a8 8 0 0 1 14 10z',
  land: 'M4 38l12-16 8 10 6-8 14 14z M32 10a4 4 0 1 0 8 0a4 4 0 1 0-8 0',
  building: 'M8 42V14l16-8 16 8v28z M15 20h6 M27 20h6 M15 28h6 M27 28h6 M20 42v-8h8v8',
  house: 'M5 23L24 7l19 16 M10 19v23h28V19 M18 28h12v14H18z',
  field: 'M8 8h32v32H8z M8 18h32 M18 18v22',
  speaker: 'M6 18h8l11-9v30l-11-9H6z M31 17a10 10 0 0 1 0 14 M36 12a17 17 0 0 1 0 24',
  repeat: 'M10 24a14 14 0 0 1 24-10l4 4 M38 8v10H28 M38 24a14 14 0 0 1-24 10l-4-4 M10 40V30h10',
} as const;

/** Name of an icon. */
export type IconName = keyof typeof icons;

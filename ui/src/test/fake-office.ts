// A small fake office that answers the kiosk's commands like the Rust side
// would: used by the component tests (through mockIPC) and by the dev server
// outside Tauri. The data is for show; fees and times follow public records
// where known and are marked unsure where not.

import type {
  AppointmentView,
  Catalogue,
  ConnectionTest,
  DaySlots,
  KioskConfig,
  MaintenanceError,
  MaintenanceInfo,
  OnlineHandoff,
  Procedure,
  QrSvg,
  ScanRead,
  Slot,
  TestPrint,
  TicketView,
} from '../generated/types';

/** A command handler as mockIPC takes it. */
export type CommandHandler = (command: string, args?: unknown) => unknown;

const direct = (time: [string, string], fee: [string, string], feeVnd: number | null = null) => ({
  kind: 'direct' as const,
  processing_time: { vi: time[0], en: time[1] },
  fee_vnd: feeVnd,
  fee_note: { vi: fee[0], en: fee[1] },
});

const online = (time: [string, string], fee: [string, string], feeVnd: number | null = null) => ({
  ...direct(time, fee, feeVnd),
  kind: 'online' as const,
});

const postal = (time: [string, string], fee: [string, string], feeVnd: number | null = null) => ({
  ...direct(time, fee, feeVnd),
  kind: 'postal' as const,
});

const hoTich = { vi: 'Hộ tịch', en: 'Civil status' };
const chungThuc = { vi: 'Chứng thực', en: 'Certification' };
const kinhDoanh = { vi: 'Kinh doanh', en: 'Household business' };

function procedure(
  fields: Omit<Procedure, 'agency' | 'portal_url' | 'keywords' | 'unsure' | 'result_by_post'> &
    Partial<Pick<Procedure, 'keywords' | 'unsure' | 'result_by_post'>>,
): Procedure {
  return {
    agency: 'UBND phường',
    portal_url: `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${fields.code}`,
    keywords: [],
    unsure: [],
    result_by_post: null,
    ...fields,
  };
}

/** The fake office's quick numbers, as the Rust side would give them: its most taken. */
export const fakeQuickNumbers: string[] = ['1.001193', '2.000815', '2.000884', '1.000894'];

/** The fake office's catalogue: three fields, six procedures. */
export const fakeCatalogue: Catalogue = {
  office: 'hn-phuong-ba-dinh',
  service_groups: [
    { id: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' } },
    { id: 'B', name: { vi: 'Chứng thực', en: 'Certification' } },
    { id: 'C', name: { vi: 'Kinh doanh', en: 'Business' } },
  ],
  procedures: [
    procedure({
      code: '1.001193',
      name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
      field: hoTich,
      service_group: 'A',
      online_level: 'partial',
      channels: [
        direct(['Trong ngày', 'Same day'], ['Miễn lệ phí khi đăng ký đúng hạn', 'Free when registered on time'], 0),
        online(['Trong ngày', 'Same day'], ['Miễn lệ phí khi đăng ký đúng hạn', 'Free when registered on time'], 0),
      ],
      dossier: [
        {
          case: { vi: 'Bao gồm', en: 'Documents' },
          components: [
            { name: { vi: 'Tờ khai đăng ký khai sinh', en: 'Birth registration form' }, originals: 1, copies: 0, form: 'To khai dang ky khai sinh.docx' },
            { name: { vi: 'Giấy chứng sinh', en: 'Birth certificate from the hospital' }, originals: 1, copies: 0, form: null },
            { name: { vi: 'Giấy tờ tùy thân của cha, mẹ', en: "Parents' ID documents" }, originals: 1, copies: 0, form: null },
          ],
        },
      ],
      keywords: ['giấy khai sinh', 'khai sinh cho con'],
      unsure: ['processing_time'],
    }),
    procedure({
      code: '1.000894',
      name: { vi: 'Đăng ký kết hôn', en: 'Marriage registration' },
      field: hoTich,
      service_group: 'A',
      online_level: 'partial',
      result_by_post: false,
      channels: [
        direct(['Trong ngày; sau 15 giờ thì ngày làm việc tiếp theo', 'Same day; next working day if filed after 15:00'], ['Miễn lệ phí', 'Free']),
      ],
      dossier: [
        {
          case: { vi: 'Cả hai bên cư trú tại phường', en: 'Both partners live in the ward' },
          components: [
            { name: { vi: 'Tờ khai đăng ký kết hôn', en: 'Marriage registration form' }, originals: 1, copies: 0, form: 'To khai dang ky ket hon.docx' },
          ],
        },
        {
          case: { vi: 'Một bên không cư trú tại phường', en: 'One partner lives elsewhere' },
          components: [
            { name: { vi: 'Tờ khai đăng ký kết hôn', en: 'Marriage registration form' }, originals: 1, copies: 0, form: 'To khai dang ky ket hon.docx' },
            { name: { vi: 'Giấy xác nhận tình trạng hôn nhân', en: 'Marital status certificate' }, originals: 1, copies: 0, form: null },
          ],
        },
      ],
    }),
    procedure({
      code: '1.004873',
      name: { vi: 'Xác nhận tình trạng hôn nhân', en: 'Marital status certificate' },
      field: hoTich,
      service_group: 'A',
      online_level: 'full',
      result_by_post: true,
      channels: [
        direct(['3 ngày làm việc', '3 working days'], ['Miễn lệ phí', 'Free']),
        online(['3 ngày làm việc', '3 working days'], ['Miễn lệ phí', 'Free']),
        postal(['3 ngày làm việc', '3 working days'], ['Miễn lệ phí', 'Free']),
      ],
      dossier: [
        {
          case: { vi: 'Bao gồm', en: 'Documents' },
          components: [
            { name: { vi: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', en: 'Application form' }, originals: 1, copies: 0, form: 'To khai xac nhan tinh trang hon nhan.docx' },
          ],
        },
      ],
      unsure: ['processing_time'],
    }),
    procedure({
      code: '2.000815',
      name: { vi: 'Chứng thực bản sao từ bản chính', en: 'Certified copy from the original' },
      field: chungThuc,
      service_group: 'B',
      online_level: 'none',
      channels: [
        direct(['Trong ngày', 'Same day'], ['2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản', '2,000 VND a page; 1,000 VND a page from the third; at most 200,000 VND a copy']),
      ],
      dossier: [
        {
          case: { vi: 'Bao gồm', en: 'Documents' },
          components: [
            { name: { vi: 'Bản chính giấy tờ cần chứng thực', en: 'The original document' }, originals: 1, copies: 0, form: null },
            { name: { vi: 'Bản sao cần chứng thực', en: 'The copies to certify' }, originals: 0, copies: 1, form: null },
          ],
        },
      ],
      keywords: ['công chứng', 'sao y'],
    }),
    procedure({
      code: '2.000884',
      name: { vi: 'Chứng thực chữ ký', en: 'Signature certification' },
      field: chungThuc,
      service_group: 'B',
      online_level: 'none',
      channels: [direct(['Trong ngày', 'Same day'], ['', ''], 10000)],
      dossier: [],
      unsure: ['fee'],
    }),
    procedure({
      code: '1.001612',
      name: { vi: 'Đăng ký thành lập hộ kinh doanh', en: 'Household business registration' },
      field: kinhDoanh,
      service_group: 'C',
      online_level: 'full',
      channels: [
        direct(['3 ngày làm việc', '3 working days'], ['100.000 đồng', '100,000 VND'], 100000),
        online(['3 ngày làm việc', '3 working days'], ['100.000 đồng', '100,000 VND'], 100000),
      ],
      dossier: [
        {
          case: { vi: 'Bao gồm', en: 'Documents' },
          components: [
            { name: { vi: 'Giấy đề nghị đăng ký hộ kinh doanh', en: 'Registration request' }, originals: 1, copies: 0, form: 'Phu luc III-1.docx' },
          ],
        },
      ],
      unsure: ['fee'],
    }),
  ],
};

/** The fake kiosk's profile. */
export const fakeConfig: KioskConfig = {
  office_id: 'hn-phuong-ba-dinh',
  office_name: 'Trung tâm Phục vụ hành chính công phường Ba Đình',
  default_language: 'vi',
  languages: ['vi', 'en'],
  idle_timeout_seconds: 90,
  home_actions: ['ticket', 'documents', 'appointment', 'online'],
  branding: { primary_colour: '#0b4a94', header_colour: '#9e1b1b', background_colour: '#f3f5f8' },
  accessibility: { text_size: 'normal', high_contrast: false, read_aloud: false },
  closed_message: { vi: '', en: '' },
  profile_version: null,
};

/** Lowercase without Vietnamese tone marks or letter shapes: "Đăng ký" → "dang ky". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase();
}

/** Codes of the procedures whose name or keywords hold `query`, as the Rust search would. */
export function fakeSearch(catalogue: Catalogue, query: string): string[] {
  const wanted = fold(query).trim();
  if (wanted === '') return [];
  return catalogue.procedures
    .filter((p) => [p.name.vi, p.name.en, p.code, ...p.keywords].some((text) => fold(text).includes(wanted)))
    .map((p) => p.code);
}

/** Telex as the Rust side composes it, for the few words the tests type. */
const FAKE_TELEX: Record<string, string> = {
  khais: 'khái',
  ddawng: 'đăng',
  kys: 'ký',
  keets: 'kết',
  hoon: 'hôn',
};

/** The text the keys type, word by word, from FAKE_TELEX (other words as typed). */
export function fakeTelex(keys: string): string {
  return keys
    .split(' ')
    .map((word) => FAKE_TELEX[word] ?? word)
    .join(' ');
}

/** The public checklist page the fake central would give. */
export function fakeChecklistUrl(code: string, caseIndex: number | null): string {
  const page = `https://motcua.example.vn/c/${fakeConfig.office_id}/${code}`;
  return caseIndex === null ? page : `${page}?case=${caseIndex}`;
}

/** A QR-looking square for `text` (not a scannable code: the real one is drawn in Rust). */
export function fakeQr(text: string): QrSvg {
  const modules = 25;
  const quiet = 4;
  const size = modules + 2 * quiet;
  let seed = 0;
  for (const char of text) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 16) & 1;
  };
  const finder = (x: number, y: number) => {
    const corners = [
      [0, 0],
      [modules - 7, 0],
      [0, modules - 7],
    ] as const;
    for (const [cx, cy] of corners) {
      if (x >= cx - 1 && x <= cx + 7 && y >= cy - 1 && y <= cy + 7) {
        const dx = x - cx;
        const dy = y - cy;
        if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return 0;
        const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
        return ring === 1 ? 0 : 1;
      }
    }
    return -1;
  };
  let path = '';
  for (let y = 0; y < modules; y++) {
    for (let x = 0; x < modules; x++) {
      const fixed = finder(x, y);
      const dark = fixed === -1 ? random() : fixed;
      if (dark) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  return { size, path, text };
}

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/** Slots of the next seven working days from `today`. */
export function fakeSlots(today: Date): DaySlots[] {
  const days: DaySlots[] = [];
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  while (days.length < 7) {
    day.setDate(day.getDate() + 1);
    const weekday = day.getDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    const times = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
    const slots: Slot[] = times.map((time, index) => {
      const [hours, minutes] = time.split(':').map(Number) as [number, number];
      const end = `${pad(minutes === 30 ? hours + 1 : hours)}:${minutes === 30 ? '00' : '30'}`;
      return {
        start: `${date}T${time}:00+07:00`,
        end: `${date}T${end}:00+07:00`,
        capacity: 4,
        remaining: (index * 3 + days.length) % 5 === 0 ? 0 : ((index + days.length) % 4) + 1,
      };
    });
    days.push({ date, slots });
  }
  return days;
}

/** The fake kiosk's maintenance PIN. */
export const fakePin = '246810';

/** What the fake kiosk's maintenance screen shows once unlocked. */
export const fakeMaintenanceInfo: MaintenanceInfo = {
  app_version: '0.1.0',
  office_id: fakeConfig.office_id,
  office_name: fakeConfig.office_name,
  central_url: 'http://10.0.0.5:8080/',
  profile_source: '/etc/lobby-kiosk/kiosk.toml',
  profile_version: null,
  printer: { transport: 'tcp 10.0.0.9:9100', paper_width_mm: 80, darkness: 4, cut: 'partial' },
  open_for_seconds: 300,
};

/** A connection test that found everything working. */
export const fakeConnectionTest: ConnectionTest = {
  central_url: fakeMaintenanceInfo.central_url,
  reachable: true,
  latency_ms: 12,
  central_version: '0.1.0',
  office_name: fakeConfig.office_name,
  token_accepted: true,
  problem: null,
};

/** A test page that printed. */
export const fakeTestPrint: TestPrint = {
  printed: true,
  state: 'ready',
  detail: 'printer ready',
  printer: fakeMaintenanceInfo.printer,
};

/** Wrong PINs in a row before the maintenance screen locks (kiosk-core's `FREE_TRIES`). */
const FREE_PIN_TRIES = 5;

/** Rust's `char::is_whitespace`: Unicode White_Space, which JavaScript's `\s` is not. */
const WHITE_SPACE = /\p{White_Space}/u;
const trimWhiteSpace = (text: string) => text.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

const PHONE_PROBLEM = {
  vi: 'Số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.',
  en: 'A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.',
};

/** `kiosk_core::scan::phone_problem` over `wire::formats::PhoneNumber::parse`. */
export function phoneProblem(typed: string): { vi: string; en: string } | null {
  const digits = [...typed].filter((c) => c !== ' ' && c !== '.' && c !== '-').join('');
  let national = digits;
  if (digits.startsWith('+84')) national = `0${digits.slice(3)}`;
  else if (digits.length === 11 && digits.startsWith('84')) national = `0${digits.slice(2)}`;
  const valid = /^0[35789][0-9]{8}$/.test(national);
  return valid ? null : PHONE_PROBLEM;
}

/** `wire::formats::CODE_ALPHABET`. */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const MAX_SCAN_CHARS = 512;
const UNREADABLE = {
  vi: 'Máy không đọc được mã này. Hãy quét mã đặt lịch hoặc căn cước gắn chip.',
  en: 'This code cannot be read here. Please scan your booking code or your chip ID card.',
};
const BAD_CARD = {
  vi: 'Không đọc được căn cước. Vui lòng quét lại, hoặc nhập mã đặt lịch.',
  en: 'The ID card could not be read. Please scan it again, or type your booking code.',
};

/** `wire::formats::booking_code`: six letters of the alphabet once spaces and dashes go. */
function bookingCode(text: string): string | null {
  const code = [...text]
    .filter((c) => !WHITE_SPACE.test(c) && c !== '-')
    .join('')
    .toUpperCase();
  return code.length === 6 && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** A card's date, `ddMMyyyy` or `dd/MM/yyyy`, as kiosk-core's `citizen_id` reads it. */
function isCardDate(text: string): boolean {
  const digits = text.replaceAll('/', '');
  if (!/^[0-9]{8}$/.test(digits)) return false;
  const [day, month, year] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].map(Number) as [
    number,
    number,
    number,
  ];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** `kiosk_core::scan::read_scan`: a booking code, a chip ID card's name, or neither. */
export function readScan(text: string): ScanRead {
  if ([...text].length > MAX_SCAN_CHARS) return { kind: 'unreadable', message: UNREADABLE };
  const code = bookingCode(text);
  if (code !== null) return { kind: 'booking_code', code };
  const fields = trimWhiteSpace(text).split('|').map(trimWhiteSpace);
  let card: { id: string; name: string; dates: string[] };
  if (fields.length === 7) card = { id: fields[0]!, name: fields[2]!, dates: [fields[3]!, fields[6]!] };
  else if (fields.length === 6) card = { id: fields[0]!, name: fields[1]!, dates: [fields[2]!, fields[5]!] };
  else return { kind: 'unreadable', message: UNREADABLE };
  const readable = /^[0-9]{12}$/.test(card.id) && card.name !== '' && card.dates.every(isCardDate);
  return readable ? { kind: 'citizen_card', name: card.name } : { kind: 'unreadable', message: BAD_CARD };
}

const maintenanceRefusal = (
  kind: MaintenanceError['kind'],
  more: Partial<MaintenanceError> = {},
): MaintenanceError => ({ kind, locked_until: null, tries_left: null, ...more });

/** What the fake office answers; each command can be replaced by a test. */
export interface FakeOffice {
  handler: CommandHandler;
  /** Commands received, in order, with their arguments. */
  calls: { command: string; args: unknown }[];
}

/** A fake office; `overrides` replace single commands. */
export function fakeOffice(
  overrides: Partial<Record<string, (args: Record<string, unknown>) => unknown>> = {},
  options: { online?: boolean; today?: Date } = {},
): FakeOffice {
  const calls: FakeOffice['calls'] = [];
  const counters = new Map<string, number>();
  const today = options.today ?? new Date();
  // The maintenance screen's lock, kept on the "Rust side" as the real kiosk does.
  let unlocked = false;
  let wrongPins = 0;
  let lockedUntil: number | null = null;
  const whenUnlocked = <T>(answer: () => T) => (): T | Promise<never> =>
    unlocked ? answer() : Promise.reject(maintenanceRefusal('not_unlocked'));

  const ticket = (service: string, priority: string): TicketView => {
    const group = fakeCatalogue.procedures.find((p) => p.code === service)?.service_group ?? 'A';
    const next = (counters.get(group) ?? 16) + 1;
    counters.set(group, next);
    const id = `t-${group}-${next}`;
    const track_url = `https://tra-cuu.example.vn/t/${id}`;
    return {
      ticket: {
        id,
        number: `${group}-${next.toString().padStart(3, '0')}`,
        office: fakeConfig.office_id,
        service,
        service_group: group,
        priority: priority as TicketView['ticket']['priority'],
        issued_at: new Date().toISOString(),
        people_ahead: 4,
        estimated_wait_minutes: 18,
        track_url,
      },
      qr: fakeQr(track_url),
      printed: 'printed',
    };
  };

  const commands: Record<string, (args: Record<string, unknown>) => unknown> = {
    kiosk_config: () => fakeConfig,
    connection_state: () => ({
      online: options.online ?? true,
      opening: { open: true, closes_at: '2025-12-01T17:00:00+07:00', opens_at: null },
      number: {
        state: (options.online ?? true) ? 'open' : 'central_away',
        offered: true,
        message: null,
        opens_at: null,
      },
    }),
    // No office time in the double: the header shows no clock, as before the central answers.
    office_now: () => null,
    apply_profile: () => null,
    bookings_for_card: (args) => ({ name: String(args.name), appointments: [] }),
    load_catalogue: () => ({ catalogue: fakeCatalogue, from_cache: false, quick_numbers: fakeQuickNumbers }),
    search_procedures: (args) => fakeSearch(fakeCatalogue, String(args.query ?? '')),
    take_ticket: (args) => ticket(String(args.service), String(args.priority)),
    upcoming_slots: () => fakeSlots(today),
    book_appointment: (args): AppointmentView => {
      const start = String(args.slotStart);
      const code = 'K7M4Q3';
      return {
        appointment: {
          code,
          office: fakeConfig.office_id,
          service: String(args.service),
          slot_start: start,
          slot_end: start,
          check_in: { opens_at: start.replace(/T(\d{2}):(\d{2})/, 'T07:45'), closes_at: start },
        },
        qr: fakeQr(code),
      };
    },
    check_in: () => ticket('1.001193', 'appointment'),
    // The kiosk's Rust side decides these; the fake follows its rules, and the contract
    // test (fake-office.test.ts with kiosk-rules.json) holds both to the same table.
    phone_problem: (args) => phoneProblem(String(args.phone)),
    read_scan: (args) => readScan(String(args.text)),
    compose_telex: (args) => fakeTelex(String(args.keys ?? '')),
    checklist_qr: (args) =>
      fakeQr(
        fakeChecklistUrl(
          String(args.code),
          typeof args.caseIndex === 'number' ? args.caseIndex : null,
        ),
      ),
    online_handoff: (args): OnlineHandoff => {
      const found = fakeCatalogue.procedures.find((p) => p.code === args.code);
      if (!found) throw new Error(`fake office: no procedure ${String(args.code)}`);
      return { portal: 'national', qr: fakeQr(found.portal_url) };
    },
    ui_ready: () => null,
    // The voice: what is said is kept in `calls`, as the Rust side would hand it to eSpeak.
    speak: () => null,
    stop_speaking: () => null,
    repeat_speaking: () => null,
    set_speech_volume: (args) => Math.min(100, Math.max(20, Number(args.percent))),
    maintenance_unlock: (args) => {
      // As kiosk-core's PIN gate: five wrong PINs in a row lock it for a minute, each
      // further one doubles that up to an hour, and the right PIN starts the count again.
      unlocked = false;
      const now = Date.now();
      if (lockedUntil !== null && lockedUntil > now) {
        return Promise.reject(maintenanceRefusal('locked_out', { locked_until: new Date(lockedUntil).toISOString() }));
      }
      if (args.pin === fakePin) {
        wrongPins = 0;
        lockedUntil = null;
        unlocked = true;
        return fakeMaintenanceInfo;
      }
      wrongPins += 1;
      if (wrongPins >= FREE_PIN_TRIES) {
        const lockout = Math.min(60_000 * 2 ** Math.min(wrongPins - FREE_PIN_TRIES, 6), 3_600_000);
        lockedUntil = now + lockout;
        return Promise.reject(maintenanceRefusal('locked_out', { locked_until: new Date(lockedUntil).toISOString() }));
      }
      return Promise.reject(maintenanceRefusal('wrong_pin', { tries_left: FREE_PIN_TRIES - wrongPins }));
    },
    maintenance_lock: () => {
      unlocked = false;
      return null;
    },
    maintenance_connection_test: whenUnlocked(() => fakeConnectionTest),
    maintenance_print_test_page: whenUnlocked(() => fakeTestPrint),
    maintenance_recent_logs: whenUnlocked(() => [
      '2025-12-01T02:00:00.000000Z  INFO kiosk_core::kiosk: catalogue read from disk',
      '2025-12-01T02:00:03.000000Z  INFO kiosk_core::maintenance: maintenance screen unlocked',
    ]),
    maintenance_restart: whenUnlocked(() => null),
    ...overrides,
  };

  return {
    calls,
    handler: (command, args) => {
      calls.push({ command, args });
      const answer = commands[command];
      if (!answer) throw new Error(`fake office: unknown command ${command}`);
      return answer((args ?? {}) as Record<string, unknown>);
    },
  };
}

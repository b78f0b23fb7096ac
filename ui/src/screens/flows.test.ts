import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import type { ConnectionState, KioskError, NumberOffer, TicketView } from '../generated/types';
import { fieldsOf } from '../lib/catalogue';
import {
  fakeCatalogue,
  fakeChecklistUrl,
  fakeQr,
  fakeQuickNumbers,
  fakeSlots,
} from '../test/fake-office';
import { argsOf, startKiosk, stopKiosk, touch } from '../test/kiosk-harness';

afterEach(() => stopKiosk());

const unreachable: KioskError = {
  kind: 'central_unreachable',
  message: {
    vi: 'Không kết nối được máy chủ trung tâm.',
    en: 'The central server cannot be reached.',
  },
  next_slots: [],
};

function ticketView(number: string): TicketView {
  const track_url = 'https://track.test/t/abc';
  return {
    ticket: {
      id: 'abc',
      number,
      office: 'hn-phuong-ba-dinh',
      service: '1.001193',
      service_group: 'A',
      priority: 'none',
      issued_at: '2025-12-01T09:00:00+07:00',
      people_ahead: 7,
      estimated_wait_minutes: 25,
      track_url,
    },
    qr: fakeQr(track_url),
    printed: 'on_screen',
  };
}

/** A keyboard-wedge scanner: `text` and Enter as one fast burst of keystrokes. */
async function scan(text: string): Promise<void> {
  for (const key of [...text, 'Enter']) fireEvent.keyDown(document.activeElement ?? window, { key });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function text(testid: string): string {
  return screen.getByTestId(testid).textContent?.trim() ?? '';
}

describe('take a number', () => {
  test('field, then service, then confirm shows the number from take_ticket', async () => {
    const office = await startKiosk({ take_ticket: () => ticketView('A-042') });

    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    expect(text('procedure-name')).toBe('Đăng ký khai sinh');
    await touch('priority-elderly');
    await touch('confirm-take-number');

    expect(await screen.findByTestId('ticket-number')).toHaveProperty('textContent', 'A-042');
    expect(text('ticket-people-ahead')).toBe('7');
    expect(text('ticket-wait')).toContain('25');
    expect(screen.getByTestId('ticket-qr').getAttribute('data-qr-text')).toBe(
      'https://track.test/t/abc',
    );
    expect(screen.getByText('Quét để theo dõi lượt của bạn')).toBeTruthy();
    expect(argsOf(office, 'take_ticket')).toEqual([
      { service: '1.001193', priority: 'elderly', print: true },
    ]);

    await touch('ticket-done');
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
  });

  test('a quick number is three taps from home: take a number, the procedure, Lấy số', async () => {
    const office = await startKiosk({ take_ticket: () => ticketView('A-043') });
    const taps: string[] = [];
    const tap = async (testid: string) => {
      taps.push(testid);
      await touch(testid);
    };

    await tap('action-take-number');
    const quick = screen.getByTestId('quick-numbers');
    expect(quick.querySelector('h2')?.textContent).toBe('Thủ tục hay làm');
    // In the order the kiosk gave, each named in everyday words, with its field's icon.
    const buttons = [...quick.querySelectorAll('button')];
    expect(buttons.map((b) => b.dataset.testid)).toEqual(fakeQuickNumbers.map((c) => `quick-${c}`));
    expect(buttons.map((b) => b.textContent?.trim())).toEqual([
      'Đăng ký khai sinh',
      'Sao y bản chính (chứng thực bản sao)',
      'Chứng thực chữ ký',
      'Đăng ký kết hôn',
    ]);
    expect(buttons.every((b) => b.querySelector('svg'))).toBe(true);
    // Above the fields.
    const firstField = screen.getByTestId('field-0');
    expect(quick.compareDocumentPosition(firstField) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await tap('quick-2.000815');
    expect(text('procedure-name')).toBe('Chứng thực bản sao từ bản chính');
    await tap('confirm-take-number');

    expect(await screen.findByTestId('ticket-number')).toHaveProperty('textContent', 'A-043');
    expect(taps).toHaveLength(3);
    expect(argsOf(office, 'take_ticket')).toEqual([
      { service: '2.000815', priority: 'none', print: true },
    ]);
  });

  test('quick numbers are in English too, and only where a number is taken', async () => {
    await startKiosk();
    await touch('lang-en');
    await touch('action-take-number');
    const quick = screen.getByTestId('quick-numbers');
    expect(quick.querySelector('h2')?.textContent).toBe('Most requested');
    expect(screen.getByTestId('quick-2.000884').textContent?.trim()).toBe('Certify a signature');
    // Within a field, and for the other purposes, the field's own list is all there is.
    await touch('field-0');
    expect(screen.queryByTestId('quick-numbers')).toBeNull();
    await touch('home');
    await touch('action-check-documents');
    expect(screen.queryByTestId('quick-numbers')).toBeNull();
  });

  test('without quick numbers the screen offers the fields as before', async () => {
    await startKiosk({
      load_catalogue: () => ({ catalogue: fakeCatalogue, from_cache: false, quick_numbers: [] }),
    });
    await touch('action-take-number');
    expect(screen.queryByTestId('quick-numbers')).toBeNull();
    expect(screen.getByText('Chọn lĩnh vực')).toBeTruthy();
  });

  test('a double tap takes one number only', async () => {
    let answer: (view: TicketView) => void = () => undefined;
    const office = await startKiosk({
      take_ticket: () => new Promise<TicketView>((resolve) => (answer = resolve)),
    });

    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    const button = screen.getByTestId('confirm-take-number') as HTMLButtonElement;
    await fireEvent.click(button);
    await fireEvent.click(button);
    expect(button.disabled).toBe(true);
    expect(argsOf(office, 'take_ticket')).toHaveLength(1);

    answer(ticketView('A-018'));
    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-018');
  });

  test('central_unreachable says so plainly and offers to try again', async () => {
    let fail = true;
    await startKiosk({
      take_ticket: () => (fail ? Promise.reject(unreachable) : ticketView('A-019')),
    });

    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('confirm-take-number');

    const error = await screen.findByRole('alert');
    expect(error.textContent).toContain('Không kết nối được máy chủ trung tâm.');
    expect(error.textContent).toContain('Bạn hãy thử lại sau ít phút');

    fail = false;
    await touch('retry');
    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-019');
  });

  test('the error reads in English when the visitor chose English', async () => {
    await startKiosk({ take_ticket: () => Promise.reject(unreachable) });

    await touch('lang-en');
    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('confirm-take-number');

    expect((await screen.findByTestId('error-message')).textContent).toBe(
      'The central server cannot be reached.',
    );
  });

  test('a full lobby offers the next free times, which lead to booking', async () => {
    const slots = (fakeSlots(new Date(2025, 11, 1))[0]?.slots ?? []).slice(0, 2);
    await startKiosk({
      take_ticket: () =>
        Promise.reject({
          kind: 'lobby_full',
          message: { vi: 'Phòng chờ đã đủ người.', en: 'The waiting room is full.' },
          next_slots: slots,
        } satisfies KioskError),
    });

    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('confirm-take-number');

    expect((await screen.findByRole('alert')).textContent).toContain('Phòng chờ đã đủ người.');
    expect(text('next-slot-0')).toContain('08:00');
    await touch('next-slot-0');
    expect(text('booking-when')).toContain('08:00');
    expect(screen.getByTestId('digit-5')).toBeTruthy();
  });

  test('a rejection that is not a KioskError still shows a plain sentence', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await startKiosk({ take_ticket: () => Promise.reject('command take_ticket not found') });

    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('confirm-take-number');

    expect((await screen.findByTestId('error-message')).textContent).toContain('Máy gặp lỗi');
  });
});

describe('choose a service', () => {
  test('the on-screen keyboard searches as the visitor types', async () => {
    const office = await startKiosk();

    await touch('action-take-number');
    await touch('service-search');
    for (const key of ['k', 'h', 'a', 'i']) await touch(`key-${key}`);
    await touch('key-space');
    await touch('key-s');
    await touch('key-backspace');

    await waitFor(() =>
      expect((screen.getByTestId('service-search') as HTMLInputElement).value).toBe('khai '),
    );
    await screen.findByTestId('service-1.001193');
    expect(argsOf(office, 'search_procedures')).toContainEqual({ query: 'khai' });

    await touch('service-1.001193');
    expect(screen.getByTestId('confirm-take-number')).toBeTruthy();
  });

  test('in Vietnamese the keys are Telex, composed on the Rust side', async () => {
    const office = await startKiosk();
    await touch('action-check-documents');
    await touch('service-search');
    expect(screen.getByTestId('telex-hint').textContent).toContain('dd → đ');
    for (const key of ['k', 'h', 'a', 'i', 's']) await touch(`key-${key}`);

    const input = screen.getByTestId('service-search') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('khái'));
    expect(argsOf(office, 'compose_telex')).toContainEqual({ keys: 'khais' });
    await waitFor(() =>
      expect(argsOf(office, 'search_procedures')).toContainEqual({ query: 'khái' }),
    );
    // Delete takes back the tone key.
    await touch('key-backspace');
    await waitFor(() => expect(input.value).toBe('khai'));
  });

  test('in English the keys are typed as they are', async () => {
    const office = await startKiosk();
    await touch('lang-en');
    await touch('action-take-number');
    await touch('service-search');
    expect(screen.queryByTestId('telex-hint')).toBeNull();
    for (const key of ['b', 'i', 'r', 't', 'h', 's']) await touch(`key-${key}`);
    const input = screen.getByTestId('service-search') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('births'));
    expect(argsOf(office, 'compose_telex')).toEqual([]);
  });

  test('says when nothing matches', async () => {
    await startKiosk();
    await touch('action-take-number');
    await touch('service-search');
    for (const key of ['q', 'q', 'q']) await touch(`key-${key}`);
    expect((await screen.findByTestId('search-none')).textContent).toContain('Không tìm thấy');
  });

  test('without a catalogue, says why and tries again on request', async () => {
    let fail = true;
    await startKiosk({
      load_catalogue: () =>
        fail ? Promise.reject(unreachable) : { catalogue: fakeCatalogue, from_cache: true, quick_numbers: [] },
    });
    await touch('action-take-number');
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      'Không kết nối được máy chủ trung tâm.',
    );
    fail = false;
    await touch('retry');
    await screen.findByTestId('field-0');
    expect(screen.getByText('Danh sách có thể chưa được cập nhật.')).toBeTruthy();
  });

  test('back goes from procedures to fields, then home', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-1');
    await screen.findByTestId('service-2.000815');
    await touch('back');
    await screen.findByTestId('field-0');
    await touch('back');
    await screen.findByTestId('action-check-documents');
  });
});

describe('check documents', () => {
  test('picks the case first, then lists documents, time and fee per channel', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-0');
    await touch('service-1.000894');

    await touch('case-1');
    expect(text('case-name')).toBe('Một bên không cư trú tại phường');
    expect(text('component-1')).toContain('Giấy xác nhận tình trạng hôn nhân');
    expect(text('component-1')).toContain('Bản chính: 1');
    expect(text('component-1')).toContain('Bản sao: 0');
    expect(text('component-0')).toContain('Mẫu: To khai dang ky ket hon.docx');

    await touch('documents-done');
    expect(text('channel-direct')).toContain('Miễn lệ phí');
    await touch('documents-take-number');
    expect(text('procedure-name')).toBe('Đăng ký kết hôn');
    expect(screen.getByTestId('confirm-take-number')).toBeTruthy();
  });

  test('ticking documents gives the verdict: what is missing, then ready', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-0');
    await touch('service-1.001193');

    // One case: no case to pick; the list shows at once.
    expect(screen.queryByTestId('case-0')).toBeNull();
    expect(text('have-count')).toBe('Bạn đã có 0/3 giấy tờ');
    await touch('component-0');
    await touch('component-2');
    expect(screen.getByTestId('component-0').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('component-1').getAttribute('aria-checked')).toBe('false');
    expect(text('component-0')).toContain('Đã có');
    expect(text('component-1')).toContain('Chưa có');
    expect(text('have-count')).toBe('Bạn đã có 2/3 giấy tờ');

    await touch('documents-done');
    expect(text('verdict')).toContain('Còn thiếu 1 giấy tờ');
    expect(text('missing')).toBe('Giấy chứng sinh');
    expect(screen.getByTestId('documents-book').className).toContain('btn-primary');
    const qr = await screen.findByTestId('checklist-qr');
    expect(qr.getAttribute('data-qr-text')).toBe(fakeChecklistUrl('1.001193', null));

    // Back to the list with the ticks kept; the last one makes it ready.
    await touch('back');
    expect(screen.getByTestId('component-2').getAttribute('aria-checked')).toBe('true');
    await touch('component-1');
    await touch('documents-done');
    expect(screen.getByTestId('verdict').getAttribute('data-ready')).toBe('true');
    expect(text('verdict')).toContain('Bạn đã có đủ giấy tờ');
    expect(screen.queryByTestId('missing')).toBeNull();
    expect(screen.getByTestId('documents-take-number').className).toContain('btn-primary');

    // Ticks stay when the visitor looks at the number screen and comes back.
    await touch('documents-take-number');
    await touch('back');
    expect(screen.getByTestId('verdict').getAttribute('data-ready')).toBe('true');
    await touch('back');
    await touch('component-1');
    await touch('documents-done');
    expect(text('missing')).toBe('Giấy chứng sinh');
  });

  test('the checklist QR names the chosen case; time, fee and post per channel', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-0');
    await touch('service-1.000894');
    await touch('case-1');
    await touch('documents-done');

    const qr = await screen.findByTestId('checklist-qr');
    expect(qr.getAttribute('data-qr-text')).toBe(fakeChecklistUrl('1.000894', 1));
    expect(text('channel-direct')).toContain('Trong ngày');
    expect(text('channel-online')).toContain('Không có thông tin');
    expect(text('channel-postal')).toContain('Không có thông tin');
    expect(text('result-by-post')).toBe('Phải nhận kết quả trực tiếp tại văn phòng.');
    expect(screen.getByText('Quét để lưu danh sách này vào điện thoại')).toBeTruthy();
    expect(screen.getByTestId('documents-apply-online')).toBeTruthy();
    await touch('documents-book');
    expect(await screen.findByText('Chọn ngày')).toBeTruthy();
  });

  test('a procedure done only in person offers no online filing', async () => {
    await startKiosk();
    await touch('lang-en');
    await touch('action-check-documents');
    await touch('field-1');
    await touch('service-2.000815');
    await touch('documents-done');
    expect(text('channel-online')).toContain('Not available online');
    expect(text('result-by-post')).toContain('Ask staff');
    expect(screen.queryByTestId('documents-apply-online')).toBeNull();
  });

  test('a fixed fee without words is shown as an amount', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-1');
    await touch('service-2.000884');
    await touch('documents-done');
    expect(text('channel-direct')).toContain('10.000 đồng');
    expect(screen.getByTestId('verdict').getAttribute('data-ready')).toBe('true');
  });
});

describe('apply online', () => {
  test('a fully online procedure needs no visit and shows the portal QR', async () => {
    await startKiosk();
    await touch('action-apply-online');
    await touch('field-0');
    await touch('service-1.004873');

    expect(text('online-level')).toContain('Không cần đến văn phòng');
    const portal = fakeCatalogue.procedures.find((p) => p.code === '1.004873')?.portal_url;
    expect((await screen.findByTestId('portal-qr')).getAttribute('data-qr-text')).toBe(portal);
    expect(text('portal-name')).toBe('Cổng Dịch vụ công quốc gia');
    expect(text('online-why')).toContain('không phải đi lại');
    expect(text('online-channel')).toContain('3 ngày làm việc');
    expect(screen.getByText('Đăng nhập bằng tài khoản VNeID')).toBeTruthy();
    expect(screen.getByText('Chọn nhận kết quả qua bưu điện')).toBeTruthy();
  });

  test('a partly online procedure lists the originals to bring', async () => {
    await startKiosk();
    await touch('action-apply-online');
    await touch('field-0');
    await touch('service-1.001193');
    expect(text('online-level')).toContain('vẫn phải đến văn phòng');
    expect(screen.getByText('Giấy chứng sinh')).toBeTruthy();
  });

  test('from the documents check, only the chosen case\'s originals are listed', async () => {
    await startKiosk();
    await touch('action-check-documents');
    await touch('field-0');
    await touch('service-1.000894');
    await touch('case-0');
    await touch('documents-done');
    await touch('documents-apply-online');
    expect(text('online-level')).toContain('vẫn phải đến văn phòng');
    expect(text('originals')).toBe('Tờ khai đăng ký kết hôn');
  });

  test('a procedure done only in person offers a number or a booking', async () => {
    await startKiosk();
    await touch('action-apply-online');
    await touch('field-1');
    await touch('service-2.000815');
    expect(text('online-level')).toContain('phải làm trực tiếp');
    expect(screen.queryByTestId('portal-qr')).toBeNull();
    await touch('online-book');
    expect(await screen.findByText('Chọn ngày')).toBeTruthy();
  });
});

describe('appointment', () => {
  test('day, time, phone on the keypad, then the booking code', async () => {
    const today = new Date(2025, 11, 1); // a Monday
    const office = await startKiosk({}, { today });

    await touch('action-appointment');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('day-2025-12-03');
    // The fake office has no place left at 09:30 that day.
    expect(fakeSlots(today)[1]?.slots[3]?.remaining).toBe(0);
    expect(((await screen.findByTestId('time-09:30')) as HTMLButtonElement).disabled).toBe(true);
    expect(text('time-09:30')).toContain('Hết chỗ');
    expect(text('time-08:30')).toMatch(/Còn \d chỗ/);
    await touch('time-08:30');

    const confirm = screen.getByTestId('confirm-booking') as HTMLButtonElement;
    for (const digit of '091234567') await touch(`digit-${digit}`);
    expect(confirm.disabled).toBe(true);
    await touch('digit-9');
    await touch('digit-backspace');
    await touch('digit-8');
    expect(text('phone-display')).toBe('0912 345 678');
    await touch('confirm-booking');

    expect((await screen.findByTestId('appointment-code')).textContent).toBe('K7M4Q3');
    expect(screen.getByTestId('appointment-qr').getAttribute('data-qr-text')).toBe('K7M4Q3');
    expect(argsOf(office, 'book_appointment')).toEqual([
      {
        service: '1.001193',
        slotStart: '2025-12-03T08:30:00+07:00',
        phone: '0912345678',
        name: null,
      },
    ]);
  });

  async function toPhoneScreen(): Promise<void> {
    await touch('action-appointment');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('day-2025-12-03');
    await touch('time-08:30');
  }

  test('a number that is not a mobile number is explained before booking', async () => {
    const office = await startKiosk({}, { today: new Date(2025, 11, 1) });
    await toPhoneScreen();
    for (const digit of '0212345678') await touch(`digit-${digit}`);
    expect(await screen.findByTestId('phone-problem')).toHaveProperty(
      'textContent',
      'Số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.',
    );
    expect((screen.getByTestId('confirm-booking') as HTMLButtonElement).disabled).toBe(true);
    await touch('confirm-booking');
    expect(argsOf(office, 'book_appointment')).toEqual([]);
    await touch('digit-backspace');
    expect(screen.queryByTestId('phone-problem')).toBeNull();
  });

  test('scanning an ID card on the phone screen puts the name on the booking', async () => {
    const office = await startKiosk({}, { today: new Date(2025, 11, 1) });
    await toPhoneScreen();
    await scan('001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021');
    expect((await screen.findByTestId('booking-name')).textContent).toContain('NGUYỄN VĂN AN');
    for (const digit of '0912345678') await touch(`digit-${digit}`);
    await touch('confirm-booking');
    await screen.findByTestId('appointment-code');
    expect(argsOf(office, 'book_appointment')[0]).toMatchObject({ name: 'NGUYỄN VĂN AN' });
  });

  test('a scanned booking code is checked in from any screen', async () => {
    const office = await startKiosk({ check_in: () => ticketView('A-004') });
    await touch('action-take-number');
    await scan('K7M4Q3');
    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-004');
    expect(argsOf(office, 'check_in')).toEqual([{ code: 'K7M4Q3' }]);
  });

  test('slow typing is not a scan', async () => {
    const office = await startKiosk();
    for (const key of ['K', '7', 'M', '4', 'Q', '2', 'Enter']) {
      fireEvent.keyDown(window, { key });
      await new Promise((resolve) => setTimeout(resolve, 70));
    }
    expect(argsOf(office, 'read_scan')).toEqual([]);
  });

  test('a scan the kiosk cannot use gets a message and changes nothing', async () => {
    await startKiosk();
    await touch('action-take-number');
    await scan('https://example.org/something-else');
    expect((await screen.findByTestId('notice')).textContent).toContain('Máy không đọc được mã này.');
    expect(screen.getByTestId('field-0')).toBeTruthy();
    await touch('notice-close');
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  test('too early for a booking: the window and a normal number are offered', async () => {
    await startKiosk({
      check_in: () =>
        Promise.reject({
          kind: 'outside_window',
          message: {
            vi: 'Bạn đến sớm. Lịch hẹn nhận từ 09:30 đến 10:15.',
            en: 'You are early. Check-in is from 09:30 to 10:15.',
          },
          next_slots: [],
        } satisfies KioskError),
    });
    await touch('action-appointment');
    await touch('have-booking');
    await touch('key-A');
    await touch('confirm-check-in');
    expect((await screen.findByTestId('error-message')).textContent).toContain('09:30');
    await touch('take-normal-number');
    expect(await screen.findByTestId('field-0')).toBeTruthy();
  });

  test('I have a booking: code on the keypad, check in, then the ticket', async () => {
    const office = await startKiosk({ check_in: () => ticketView('A-003') });

    await touch('action-appointment');
    await touch('have-booking');
    for (const key of ['K', '7', 'M', '4', 'Q', '3']) await touch(`key-${key}`);
    expect((screen.getByTestId('checkin-code') as HTMLInputElement).value).toBe('K7M4Q3');
    await touch('confirm-check-in');

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-003');
    expect(argsOf(office, 'check_in')).toEqual([{ code: 'K7M4Q3' }]);
  });

  test('an unknown code is explained', async () => {
    await startKiosk({
      check_in: () =>
        Promise.reject({
          kind: 'not_found',
          message: { vi: 'Không tìm thấy lịch hẹn này.', en: 'No booking with this code.' },
          next_slots: [],
        } satisfies KioskError),
    });
    await touch('action-appointment');
    await touch('have-booking');
    await touch('key-A');
    await touch('confirm-check-in');
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      'Không tìm thấy lịch hẹn này.',
    );
  });
});

describe('ID card at the scanner', () => {
  const card = '001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021';

  test("today's bookings under the card's name are listed and checked in", async () => {
    const office = await startKiosk({
      bookings_for_card: (args) => ({
        name: String(args.name),
        appointments: [
          {
            code: 'K7M4Q3',
            service: '1.001193',
            slot_start: '2025-12-01T09:30:00+07:00',
            slot_end: '2025-12-01T10:00:00+07:00',
            check_in: { opens_at: '2025-12-01T09:00:00+07:00', closes_at: '2025-12-01T09:45:00+07:00' },
            phone_hint: '••• 678',
          },
        ],
      }),
      check_in: () => ticketView('A-009'),
    });
    await scan(card);
    expect((await screen.findByTestId('card-greeting')).textContent).toContain('NGUYỄN VĂN AN');
    expect((await screen.findByTestId('card-booking-K7M4Q3')).textContent).toContain('09:30');
    expect(text('card-booking-K7M4Q3')).toContain('••• 678');
    expect(argsOf(office, 'bookings_for_card')).toEqual([{ name: 'NGUYỄN VĂN AN' }]);
    await touch('card-check-in-K7M4Q3');
    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-009');
    expect(argsOf(office, 'check_in')).toEqual([{ code: 'K7M4Q3' }]);
  });

  test('no booking under the name: type a code or take a number', async () => {
    await startKiosk();
    await scan(card);
    expect(await screen.findByTestId('card-no-bookings')).toBeTruthy();
    await touch('card-type-code');
    expect(await screen.findByTestId('checkin-code')).toBeTruthy();
  });
});

describe('outside opening hours', () => {
  // What the kiosk's Rust side says after hours (kiosk_core::visitor decides it).
  const closedOffer: NumberOffer = {
    state: 'closed',
    offered: false,
    message: {
      vi: 'Trung tâm đang ngoài giờ làm việc nên chưa lấy số được. Mở cửa lại lúc 07:30 ngày 02/12/2025. Bạn vẫn có thể đặt lịch hẹn.',
      en: 'The centre is closed now, so no numbers are given. It opens again at 07:30 on 02/12/2025. You can still book a time.',
    },
    opens_at: '2025-12-02T07:30:00+07:00',
  };
  const closed = (): ConnectionState => ({
    online: true,
    opening: { open: false, closes_at: null, opens_at: '2025-12-02T07:30:00+07:00' },
    number: closedOffer,
  });
  const open = (): ConnectionState => ({
    online: true,
    opening: { open: true, closes_at: '2025-12-01T17:00:00+07:00', opens_at: null },
    number: { state: 'open', offered: true, message: null, opens_at: null },
  });
  const fieldOf = (code: string) =>
    fieldsOf(fakeCatalogue).findIndex((field) => field.procedures.some((p) => p.code === code));
  /** Every element on screen that would lead to a number. */
  const numberOffers = () =>
    [
      'action-take-number',
      'documents-take-number',
      'online-take-number',
      'card-take-number',
      'take-normal-number',
      'confirm-take-number',
    ].filter((testid) => screen.queryByTestId(testid) !== null);

  test('home says when the centre opens and offers no number, but booking and documents', async () => {
    await startKiosk({ connection_state: closed });
    expect((await screen.findByTestId('closed-opens-at')).textContent).toContain('07:30');
    expect(screen.queryByTestId('action-take-number')).toBeNull();
    expect(screen.getByTestId('action-appointment')).toBeTruthy();
    expect(screen.getByTestId('action-check-documents')).toBeTruthy();
    expect(screen.getByTestId('action-apply-online')).toBeTruthy();
  });

  test('the documents verdict offers a time, not a number, and says why', async () => {
    await startKiosk({ connection_state: closed });
    await touch('action-check-documents');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('documents-done');
    expect(await screen.findByTestId('verdict')).toBeTruthy();
    expect(numberOffers()).toEqual([]);
    expect(text('no-number')).toContain('Mở cửa lại lúc 07:30 ngày 02/12/2025');
    expect(screen.getByTestId('documents-book').className).toContain('btn-primary');
    await touch('documents-book');
    await vi.waitFor(() => expect(document.querySelector('main')?.dataset.screen).toBe('appointment-slots'));
  });

  test('the online hand-off of a procedure that cannot be done online offers a time, not a number', async () => {
    await startKiosk({ connection_state: closed });
    await touch('action-apply-online');
    await touch(`field-${fieldOf('2.000815')}`);
    await touch('service-2.000815');
    expect(await screen.findByTestId('online-book')).toBeTruthy();
    expect(numberOffers()).toEqual([]);
    expect(text('no-number')).toContain('07:30');
  });

  test('an ID card without bookings, and a booking too early, offer no number', async () => {
    await startKiosk({
      connection_state: closed,
      check_in: () =>
        Promise.reject({
          kind: 'outside_window',
          message: { vi: 'Bạn đến sớm.', en: 'You are early.' },
          next_slots: [],
        } satisfies KioskError),
    });
    await scan('001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021');
    expect(await screen.findByTestId('card-no-bookings')).toBeTruthy();
    expect(numberOffers()).toEqual([]);
    expect(text('no-number')).toContain('07:30');

    await touch('home');
    await touch('action-appointment');
    await touch('have-booking');
    await touch('key-A');
    await touch('confirm-check-in');
    expect(await screen.findByTestId('error-message')).toBeTruthy();
    expect(numberOffers()).toEqual([]);
  });

  test('closing while a visitor chooses: the confirm screen offers a time instead', async () => {
    const office = await startKiosk({ connection_state: open });
    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    expect(screen.getByTestId('confirm-take-number')).toBeTruthy();

    await act(() => emit('connection-changed', closed()));
    await vi.waitFor(() => expect(numberOffers()).toEqual([]));
    expect(text('no-number')).toContain('07:30');
    expect(argsOf(office, 'take_ticket')).toEqual([]);
    await touch('no-number-book');
    await vi.waitFor(() => expect(document.querySelector('main')?.dataset.screen).toBe('appointment-slots'));
  });

  test('open again: the number comes back', async () => {
    await startKiosk({ connection_state: closed });
    await screen.findByTestId('closed');
    await act(() => emit('connection-changed', open()));
    expect(await screen.findByTestId('action-take-number')).toBeTruthy();
    expect(screen.queryByTestId('closed')).toBeNull();
  });

  test('a full lobby keeps the number and says booking is surer', async () => {
    const message = { vi: 'Phòng chờ vừa hết chỗ.', en: 'The waiting area was full a moment ago.' };
    await startKiosk({
      connection_state: () => ({
        ...open(),
        number: { state: 'lobby_full', offered: true, message, opens_at: null },
      }),
    });
    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    expect(screen.getByTestId('confirm-take-number')).toBeTruthy();
    expect(text('number-note')).toBe(message.vi);
  });
});

describe('the office clock', () => {
  test("the header shows the office time the kiosk gives, not the machine's", async () => {
    let now: string | null = null;
    await startKiosk({ office_now: () => now });
    // Before the central first answered there is no office time: no clock at all.
    expect(screen.queryByTestId('clock')).toBeNull();
    now = '2026-12-02T09:00:00+07:00';
    await vi.waitFor(() => expect(screen.getByTestId('clock').textContent).toBe('09:00'), {
      timeout: 3000,
    });
    expect(text('clock-date')).toBe('Thứ Tư, 02/12/2026');
    now = '2026-12-02T09:01:00+07:00';
    await vi.waitFor(() => expect(screen.getByTestId('clock').textContent).toBe('09:01'), {
      timeout: 3000,
    });
  });
});

describe('printing', () => {
  const outOfPaper: KioskError = {
    kind: 'printer_unavailable',
    message: {
      vi: 'Máy in đã hết giấy. Bạn có thể nhận số trên màn hình và quét mã QR.',
      en: 'The printer is out of paper. You can take your number on screen and scan its QR code.',
    },
    next_slots: [],
  };

  async function confirmANumber(): Promise<void> {
    await touch('action-take-number');
    await touch('field-0');
    await touch('service-1.001193');
    await touch('confirm-take-number');
  }

  test('a printed ticket says so on the ticket screen', async () => {
    await startKiosk({ take_ticket: () => ({ ...ticketView('A-020'), printed: 'printed' }) });
    await confirmANumber();

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-020');
    expect(text('ticket-printed')).toBe('Vé đã in, mời bạn lấy vé');
    expect(screen.queryByTestId('ticket-print-failed')).toBeNull();
  });

  test('an on-screen ticket adds no printer line', async () => {
    await startKiosk({ take_ticket: () => ticketView('A-021') });
    await confirmANumber();

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-021');
    expect(screen.queryByTestId('ticket-printed')).toBeNull();
    expect(screen.queryByTestId('ticket-print-failed')).toBeNull();
  });

  test('a failed print keeps the ticket on screen and tells the visitor to photograph it', async () => {
    await startKiosk({ take_ticket: () => ({ ...ticketView('A-022'), printed: 'print_failed' }) });
    await touch('lang-en');
    await confirmANumber();

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-022');
    expect(screen.getByTestId('ticket-qr')).toBeTruthy();
    expect(text('ticket-print-failed')).toBe(
      'The printer failed: take a photo or scan the QR code',
    );
  });

  test('out of paper offers the on-screen ticket, which takes a number without printing', async () => {
    const office = await startKiosk({
      take_ticket: (args) =>
        args.print ? Promise.reject(outOfPaper) : ticketView('A-023'),
    });
    await confirmANumber();

    expect((await screen.findByTestId('error-message')).textContent).toBe(outOfPaper.message.vi);
    expect(text('ticket-on-screen')).toBe('Nhận số trên màn hình');
    expect(screen.queryByTestId('retry')).toBeNull();

    await touch('ticket-on-screen');
    expect((await screen.findByTestId('ticket-number')).textContent).toBe('A-023');
    expect(screen.queryByTestId('ticket-printed')).toBeNull();
    expect(argsOf(office, 'take_ticket')).toEqual([
      { service: '1.001193', priority: 'none', print: true },
      { service: '1.001193', priority: 'none', print: false },
    ]);
  });

  test('the on-screen offer reads in English', async () => {
    await startKiosk({ take_ticket: () => Promise.reject(outOfPaper) });
    await touch('lang-en');
    await confirmANumber();

    expect((await screen.findByTestId('error-message')).textContent).toBe(outOfPaper.message.en);
    expect(text('ticket-on-screen')).toBe('Get my number on screen');
  });
});

import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, screen } from '@testing-library/svelte';
import type { MaintenanceError } from '../generated/types';
import { fakeConfig, fakeConnectionTest, fakePin, fakeTestPrint } from '../test/fake-office';
import { argsOf, startKiosk, stopKiosk, touch } from '../test/kiosk-harness';

afterEach(() => {
  stopKiosk();
  vi.useRealTimers();
});

function text(testid: string): string {
  return screen.getByTestId(testid).textContent?.trim() ?? '';
}

/** The hidden gesture: five taps on the office name. */
async function fiveTaps(): Promise<void> {
  for (let i = 0; i < 5; i++) await touch('office');
}

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await touch(`digit-${digit}`);
  await touch('pin-unlock');
}

async function openUnlocked() {
  const office = await startKiosk();
  await fiveTaps();
  await typePin(fakePin);
  await screen.findByTestId('maintenance');
  return office;
}

const refusal = (kind: MaintenanceError['kind'], more: Partial<MaintenanceError> = {}) =>
  Promise.reject({ kind, locked_until: null, tries_left: null, ...more } satisfies MaintenanceError);

describe('the hidden gesture', () => {
  test('five quick taps on the office name ask for the PIN; four do not', async () => {
    await startKiosk();
    for (let i = 0; i < 4; i++) await touch('office');
    expect(screen.queryByTestId('pin-dots')).toBeNull();
    await touch('office');
    expect(await screen.findByText('Nhập mã PIN bảo trì')).toBeTruthy();
    expect(screen.getByTestId('digit-0')).toBeTruthy();
  });

  test('five taps spread over more than three seconds do not', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk();
    for (let i = 0; i < 5; i++) {
      await touch('office');
      await act(() => vi.advanceTimersByTime(800));
    }
    expect(screen.queryByTestId('pin-dots')).toBeNull();
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
  });
});

describe('the PIN', () => {
  test('a wrong PIN says how many tries are left; the right one shows the kiosk', async () => {
    const office = await startKiosk();
    await fiveTaps();
    await typePin('111111');
    expect((await screen.findByTestId('pin-error')).textContent).toBe(
      'Sai mã PIN. Còn 4 lần thử trước khi bị khóa.',
    );
    // The PIN is cleared once sent.
    expect(text('pin-dots')).toBe('');

    await typePin(fakePin);
    await screen.findByTestId('maintenance');
    expect(text('info-profile')).toBe('/etc/lobby-kiosk/kiosk.toml');
    expect(text('info-profile-version')).toBe('tệp trên máy');
    expect(text('info-office')).toContain(fakeConfig.office_name);
    expect(text('info-printer')).toBe('tcp 10.0.0.9:9100 · khổ 80 mm · độ đậm 4 · cắt một phần');
    expect(text('info-app-version')).toBe('0.1.0');
    await vi.waitFor(() => expect(text('maintenance-log')).toContain('maintenance screen unlocked'));
    expect(argsOf(office, 'maintenance_unlock')).toEqual([{ pin: '111111' }, { pin: fakePin }]);
  });

  test('a lockout says until when, in the office time and the visitor language chosen', async () => {
    // The kiosk's Rust side writes it in the office's time (from the central's clock).
    const lockedUntil = '2025-12-01T09:05:30+07:00';
    await startKiosk({
      maintenance_unlock: () => refusal('locked_out', { locked_until: lockedUntil }),
    });
    await touch('lang-en');
    await fiveTaps();
    await typePin(fakePin);
    expect((await screen.findByTestId('pin-error')).textContent).toBe(
      'Too many wrong PINs. Maintenance is locked until 09:05:30.',
    );
    expect(screen.queryByTestId('maintenance')).toBeNull();
  });

  // The lockout rule itself is kiosk-core's (tested there); the fake office follows it,
  // held to the same table by fake-office.test.ts and kiosk-core's ui_double_rules.
  test('the fifth wrong PIN locks it out, and the right one then waits', async () => {
    await startKiosk();
    await fiveTaps();
    for (let i = 0; i < 4; i++) await typePin('000000');
    await vi.waitFor(() => expect(text('pin-error')).toBe('Sai mã PIN. Còn 1 lần thử trước khi bị khóa.'));
    await typePin('000000');
    const locked = /^Nhập sai quá nhiều lần\. Màn hình bảo trì bị khóa đến \d{2}:\d{2}:\d{2}\.$/;
    await vi.waitFor(() => expect(text('pin-error')).toMatch(locked));
    await typePin(fakePin);
    await vi.waitFor(() => expect(text('pin-error')).toMatch(locked));
    expect(screen.queryByTestId('maintenance')).toBeNull();
  });

  test('without a PIN in the profile the screen says it cannot open', async () => {
    await startKiosk({ maintenance_unlock: () => refusal('no_pin_set') });
    await fiveTaps();
    await typePin('123456');
    expect((await screen.findByTestId('pin-error')).textContent).toContain(
      'chưa đặt mã PIN bảo trì',
    );
  });

  test('Close on the PIN entry goes home', async () => {
    await startKiosk();
    await fiveTaps();
    await touch('maintenance-close');
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
  });
});

describe('maintenance buttons', () => {
  test('the connection test shows the central answering, the office and the token', async () => {
    const office = await openUnlocked();
    await touch('maintenance-test-connection');
    const result = await screen.findByTestId('connection-result');
    expect(result.textContent).toContain('Máy chủ trung tâm trả lời trong 12 ms');
    expect(result.textContent).toContain(`Máy chủ nhận ra văn phòng: ${fakeConfig.office_name}`);
    expect(result.textContent).toContain('Mã truy cập (token) của máy hợp lệ');
    expect(result.classList.contains('bad')).toBe(false);
    expect(argsOf(office, 'maintenance_connection_test')).toHaveLength(1);
  });

  test('a failed connection test says so plainly, with the cause for IT', async () => {
    await startKiosk({
      maintenance_connection_test: () => ({
        ...fakeConnectionTest,
        reachable: false,
        latency_ms: null,
        office_name: null,
        token_accepted: null,
        problem: 'the central server cannot be reached: error sending request: Connection refused',
      }),
    });
    await fiveTaps();
    await typePin(fakePin);
    await touch('lang-en');
    await touch('maintenance-test-connection');
    const result = await screen.findByTestId('connection-result');
    expect(result.textContent).toContain('The central server cannot be reached');
    expect(result.textContent).toContain('Connection refused');
    expect(result.classList.contains('bad')).toBe(true);
  });

  test('print test page shows it printed, or what the printer needs', async () => {
    let outOfPaper = false;
    const office = await startKiosk({
      maintenance_print_test_page: () =>
        outOfPaper
          ? {
              ...fakeTestPrint,
              printed: false,
              state: 'out_of_paper',
              detail: 'out of paper: load a new roll',
            }
          : fakeTestPrint,
    });
    await fiveTaps();
    await typePin(fakePin);
    await touch('maintenance-print-test-page');
    expect((await screen.findByTestId('print-result')).textContent).toContain(
      'Đã in trang thử. Hãy xem tờ giấy.',
    );

    outOfPaper = true;
    await touch('maintenance-print-test-page');
    await vi.waitFor(() =>
      expect(text('print-result')).toContain('Hết giấy: hãy lắp cuộn giấy mới'),
    );
    expect(text('print-result')).toContain('Không in được trang thử');
    expect(argsOf(office, 'maintenance_print_test_page')).toHaveLength(2);
  });

  test('restart asks the kiosk to restart', async () => {
    const office = await openUnlocked();
    await touch('maintenance-restart');
    await vi.waitFor(() => expect(argsOf(office, 'maintenance_restart')).toHaveLength(1));
    expect(text('maintenance-restart')).toBe('Đang khởi động lại…');
  });

  test('Close goes home and locks maintenance on the kiosk side', async () => {
    const office = await openUnlocked();
    const locks = argsOf(office, 'maintenance_lock').length;
    await touch('maintenance-close');
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
    expect(argsOf(office, 'maintenance_lock')).toHaveLength(locks + 1);

    await fiveTaps();
    expect(await screen.findByTestId('pin-dots')).toBeTruthy();
  });

  test('when the kiosk has locked the screen itself, a button leads back to the PIN', async () => {
    await startKiosk({ maintenance_connection_test: () => refusal('not_unlocked') });
    await fiveTaps();
    await typePin(fakePin);
    await touch('maintenance-test-connection');
    expect((await screen.findByTestId('pin-error')).textContent).toBe(
      'Màn hình bảo trì đã tự khóa. Hãy nhập lại mã PIN.',
    );
    expect(screen.queryByTestId('maintenance')).toBeNull();
  });

  test('the idle reset leaves maintenance and locks it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const office = await startKiosk({
      kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 15 }),
    });
    await fiveTaps();
    await typePin(fakePin);
    await screen.findByTestId('maintenance');
    const locks = argsOf(office, 'maintenance_lock').length;
    await act(() => vi.advanceTimersByTime(15_000));
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
    expect(argsOf(office, 'maintenance_lock')).toHaveLength(locks + 1);
  });
});

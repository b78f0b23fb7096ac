import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { fakeCatalogue, fakeConfig } from './test/fake-office';
import { argsOf, startKiosk, stopKiosk, touch } from './test/kiosk-harness';

afterEach(() => {
  stopKiosk();
  vi.useRealTimers();
});

const homeActions = [
  ['action-take-number', 'Lấy số thứ tự', 'Take a number'],
  ['action-check-documents', 'Kiểm tra hồ sơ', 'Check documents'],
  ['action-appointment', 'Lịch hẹn', 'Appointment'],
  ['action-apply-online', 'Nộp trực tuyến', 'Apply online'],
] as const;

/** The big label of a home action (the other language is the small one under it). */
function mainLabel(testid: string): string {
  return screen.getByTestId(testid).querySelector('.main')?.textContent?.trim() ?? '';
}

describe('home', () => {
  test('shows the office, the four actions in Vietnamese, and switches to English', async () => {
    await startKiosk();

    expect(screen.getByTestId('office-name').textContent).toContain(fakeConfig.office_name);
    for (const [testid, vi] of homeActions) {
      expect(mainLabel(testid)).toBe(vi);
    }
    expect(screen.getByText('Xin chào! Bạn cần làm gì?')).toBeTruthy();

    await touch('lang-en');

    for (const [testid, vi, en] of homeActions) {
      expect(mainLabel(testid)).toBe(en);
      // The Vietnamese label stays, small, under the English one.
      expect(within(screen.getByTestId(testid)).getByText(vi)).toBeTruthy();
    }
    expect(screen.getByText('Welcome! What would you like to do?')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  test('tells the kiosk once that the home screen is ready', async () => {
    const office = await startKiosk();
    await vi.waitFor(() => expect(argsOf(office, 'ui_ready')).toHaveLength(1));
  });
});

describe('offline banner', () => {
  test('appears when the central goes away and disappears when it is back', async () => {
    await startKiosk();
    expect(screen.queryByTestId('offline-banner')).toBeNull();

    await act(() => emit('connection-changed', { online: false }));
    const banner = await screen.findByTestId('offline-banner');
    expect(banner.textContent).toContain('Mất kết nối với máy chủ. Đang thử lại…');

    await act(() => emit('connection-changed', { online: true }));
    await vi.waitFor(() => expect(screen.queryByTestId('offline-banner')).toBeNull());
  });

  test('shows from the start when the kiosk starts offline, in the visitor language', async () => {
    await startKiosk({}, { online: false });
    await screen.findByTestId('offline-banner');
    await touch('lang-en');
    expect(screen.getByTestId('offline-banner').textContent).toContain(
      'Cannot reach the server. Retrying…',
    );
  });
});

describe('idle reset', () => {
  test('asks "are you still there?", then returns home, clears the search and restores Vietnamese', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk({ kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 30 }) });

    await touch('lang-en');
    await touch('action-take-number');
    await touch('service-search');
    await touch('key-k');
    await touch('key-h');
    expect((screen.getByTestId('service-search') as HTMLInputElement).value).toBe('kh');

    await act(() => vi.advanceTimersByTime(20_000));
    const warning = await screen.findByTestId('idle-warning');
    expect(warning.textContent).toContain('Are you still there?');
    expect(screen.getByTestId('idle-seconds').textContent).toBe('10');

    await act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
    expect(mainLabel('action-take-number')).toBe('Lấy số thứ tự');

    await touch('action-take-number');
    expect((screen.getByTestId('service-search') as HTMLInputElement).value).toBe('');
  });

  test('a touch during the countdown keeps the visitor where they are', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk({ kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 30 }) });

    await touch('action-take-number');
    await act(() => vi.advanceTimersByTime(21_000));
    await touch('idle-stay');
    expect(screen.queryByTestId('idle-warning')).toBeNull();

    await act(() => vi.advanceTimersByTime(15_000));
    expect(screen.getByTestId('service-search')).toBeTruthy();
  });

  test('an idle reset an hour after the last load asks for the quick numbers again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let quick = ['1.001193'];
    const office = await startKiosk({
      kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 15 }),
      load_catalogue: () => ({ catalogue: fakeCatalogue, from_cache: false, quick_numbers: quick }),
    });
    const loads = () => argsOf(office, 'load_catalogue').length;
    const first = loads();

    // Soon after a load, a reset asks for nothing.
    await touch('action-take-number');
    expect(screen.getByTestId('quick-1.001193')).toBeTruthy();
    await act(() => vi.advanceTimersByTime(15_000));
    expect(loads()).toBe(first);

    // Over an hour later, it does, and the next visitor sees the new list.
    quick = ['2.000884'];
    vi.setSystemTime(Date.now() + 61 * 60_000);
    await touch('action-take-number');
    await act(() => vi.advanceTimersByTime(15_000));
    await vi.waitFor(() => expect(loads()).toBe(first + 1));
    await touch('action-take-number');
    expect(await screen.findByTestId('quick-2.000884')).toBeTruthy();
    expect(screen.queryByTestId('quick-1.001193')).toBeNull();
  });

  test('a short timeout resets without asking first', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk({ kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 15 }) });

    await touch('action-check-documents');
    await act(() => vi.advanceTimersByTime(15_000));
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect(screen.getByTestId('action-check-documents')).toBeTruthy();
  });
});

describe('a profile from the central', () => {
  const newer = {
    ...fakeConfig,
    idle_timeout_seconds: 45,
    home_actions: ['documents', 'online'] as const,
    branding: { ...fakeConfig.branding, title_vi: 'Bộ phận Một cửa phường Ba Đình' },
    accessibility: { text_size: 'large' as const, high_contrast: true, read_aloud: false },
    profile_version: 3,
  };

  test('waits while a visitor is mid-flow, then applies on the home screen', async () => {
    const office = await startKiosk({ apply_profile: () => newer });
    await touch('action-check-documents');
    await act(() => emit('profile-ready', null));
    // The visitor is choosing a service: nothing changes under their finger.
    expect(argsOf(office, 'apply_profile')).toEqual([]);
    await touch('home');

    await vi.waitFor(() => expect(argsOf(office, 'apply_profile')).toHaveLength(1));
    await vi.waitFor(() => expect(screen.queryByTestId('action-take-number')).toBeNull());
    expect(screen.getByTestId('action-check-documents')).toBeTruthy();
    expect(screen.getByTestId('action-apply-online')).toBeTruthy();
    expect(screen.getByTestId('office-name').textContent).toContain('Bộ phận Một cửa phường Ba Đình');
    expect(document.documentElement.classList.contains('high-contrast')).toBe(true);
    expect(document.documentElement.classList.contains('text-large')).toBe(true);
    // The catalogue is fetched again for the new settings.
    expect(argsOf(office, 'load_catalogue').length).toBeGreaterThanOrEqual(2);
  });

  test('applies at once when the kiosk stands idle on the home screen', async () => {
    const office = await startKiosk({ apply_profile: () => newer });
    await act(() => emit('profile-ready', null));
    await vi.waitFor(() => expect(argsOf(office, 'apply_profile')).toHaveLength(1));
    await vi.waitFor(() => expect(screen.queryByTestId('action-take-number')).toBeNull());
  });
});

describe("the visitor's own controls", () => {
  test('start from the profile, change the look, and go back to it when the kiosk goes idle', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk({
      kiosk_config: () => ({
        ...fakeConfig,
        idle_timeout_seconds: 30,
        accessibility: { text_size: 'large', high_contrast: false, read_aloud: false },
      }),
    });
    const root = document.documentElement;
    await vi.waitFor(() => expect(root.classList.contains('text-large')).toBe(true));
    expect(screen.getByTestId('larger-text').textContent).toContain('Cỡ lớn');
    expect(screen.getByTestId('high-contrast').getAttribute('aria-pressed')).toBe('false');

    // Home has them too, and every step up goes one size larger, then back to normal.
    await touch('larger-text');
    expect(root.classList.contains('text-extra-large')).toBe(true);
    await touch('larger-text');
    expect(root.classList.contains('text-extra-large')).toBe(false);
    expect(root.classList.contains('text-large')).toBe(false);
    await touch('larger-text');
    await touch('larger-text');
    expect(root.classList.contains('text-extra-large')).toBe(true);
    await touch('high-contrast');
    expect(root.classList.contains('high-contrast')).toBe(true);
    expect(screen.getByTestId('high-contrast').getAttribute('aria-pressed')).toBe('true');

    // They stay on the next screen...
    await touch('action-take-number');
    expect(screen.getByTestId('high-contrast').getAttribute('aria-pressed')).toBe('true');
    expect(root.classList.contains('text-extra-large')).toBe(true);

    // ...until nobody touches the kiosk: the next visitor gets the profile's look.
    await act(() => vi.advanceTimersByTime(30_000));
    expect(screen.getByTestId('action-take-number')).toBeTruthy();
    expect(root.classList.contains('high-contrast')).toBe(false);
    expect(root.classList.contains('text-large')).toBe(true);
    expect(root.classList.contains('text-extra-large')).toBe(false);
    expect(screen.getByTestId('high-contrast').getAttribute('aria-pressed')).toBe('false');
  });

  test('a visitor who only changed the look on the home screen is reset too', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await startKiosk({ kiosk_config: () => ({ ...fakeConfig, idle_timeout_seconds: 15 }) });
    await touch('high-contrast');
    expect(document.documentElement.classList.contains('high-contrast')).toBe(true);
    await act(() => vi.advanceTimersByTime(15_000));
    expect(document.documentElement.classList.contains('high-contrast')).toBe(false);
  });
});

describe('focus', () => {
  test("a new screen's heading takes the focus, and every screen has one", async () => {
    await startKiosk();
    const heading = () => document.querySelector('main h1');
    await vi.waitFor(() => expect(document.activeElement).toBe(heading()));
    expect(heading()?.textContent).toContain('Xin chào');

    await touch('action-take-number');
    await vi.waitFor(() => expect(document.activeElement?.tagName).toBe('H1'));
    expect(document.activeElement?.textContent).toContain('Chọn thủ tục');

    await touch('field-0');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toContain('Hộ tịch'));

    await touch('back');
    await touch('service-search');
    // While searching the heading is read, not shown, and the search box keeps the focus
    // once the visitor puts it there.
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  test('tabbing onto the search box does not open the on-screen keyboard', async () => {
    await startKiosk();
    await touch('action-take-number');
    const search = screen.getByTestId('service-search');
    search.focus();
    await act(() => Promise.resolve());
    expect(screen.queryByTestId('key-a')).toBeNull();
    // Typing on a real keyboard searches straight away.
    await fireEvent.input(search, { target: { value: 'kh' } });
    expect(await screen.findByTestId('key-a')).toBeTruthy();
  });
});

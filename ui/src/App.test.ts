import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, screen, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { fakeConfig } from './test/fake-office';
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
    accessibility: { text_size: 'large' as const, high_contrast: true },
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

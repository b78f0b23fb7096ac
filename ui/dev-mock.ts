// Dev-only stand-in for the Rust side, so the UI runs in a plain browser:
// `npm run dev`, or `vite build --mode mock` for screenshots. Not in the
// kiosk's build (main.ts imports it only in those modes, outside Tauri).
//
// URL parameters, for looking at one screen:
//   ?offline=1          the central server is unreachable
//   ?lang=en            start in English
//   ?fail=take_ticket   that command rejects with central_unreachable
//   ?full=1             take_ticket rejects with lobby_full
//   ?demo=a,b,c         after start, touch the elements with these data-testids in turn

import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { KioskError } from './src/generated/types';
import { fakeConfig, fakeOffice, fakeSlots } from './src/test/fake-office';

const unreachable: KioskError = {
  kind: 'central_unreachable',
  message: {
    vi: 'Không kết nối được máy chủ trung tâm.',
    en: 'The central server cannot be reached.',
  },
  next_slots: [],
};

/** Installs the fake office as the IPC of this page. */
export function installDevMock(): void {
  const params = new URLSearchParams(window.location.search);
  const failing = new Set((params.get('fail') ?? '').split(',').filter(Boolean));
  const overrides: Record<string, (args: Record<string, unknown>) => unknown> = {
    kiosk_config: () => ({
      ...fakeConfig,
      default_language: params.get('lang') === 'en' ? 'en' : 'vi',
    }),
  };
  for (const command of failing) overrides[command] = () => Promise.reject(unreachable);
  if (params.get('full') === '1') {
    overrides.take_ticket = () =>
      Promise.reject({
        kind: 'lobby_full',
        message: {
          vi: 'Phòng chờ đã đủ người. Mời bạn đặt lịch hẹn.',
          en: 'The waiting room is full. Please book a time.',
        },
        next_slots: (fakeSlots(new Date())[0]?.slots ?? []).slice(0, 3),
      } satisfies KioskError);
  }
  const office = fakeOffice(overrides, { online: params.get('offline') !== '1' });
  mockIPC(office.handler, { shouldMockEvents: true });

  // For trying the banner by hand: kioskDev.online(false) in the console.
  Object.assign(window, {
    kioskDev: { online: (online: boolean) => emit('connection-changed', { online }) },
  });

  const demo = (params.get('demo') ?? '').split(',').filter(Boolean);
  if (demo.length > 0) void runDemo(demo);
}

async function runDemo(testids: string[]): Promise<void> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 400));
  for (const testid of testids) {
    for (let attempt = 0; attempt < 20; attempt++) {
      await pause();
      const element = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
      if (element) {
        element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
        element.click();
        break;
      }
    }
  }
}

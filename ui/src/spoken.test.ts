// The spoken mode, as a visitor who cannot see the screen uses it: keys only, and the
// order of what the kiosk says.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/svelte';
import type { SpokenSentence } from './generated/types';
import type { FakeOffice } from './test/fake-office';
import { argsOf, startKiosk, stopKiosk, touch } from './test/kiosk-harness';

afterEach(() => stopKiosk());

/** Every sentence said so far, in order. */
function said(office: FakeOffice): string[] {
  return (argsOf(office, 'speak') as { sentences: SpokenSentence[] }[]).flatMap((call) =>
    call.sentences.map((s) => s.text),
  );
}

/** The sentences of the latest `speak`. */
function lastSaid(office: FakeOffice): string[] {
  const calls = argsOf(office, 'speak') as { sentences: SpokenSentence[] }[];
  return calls[calls.length - 1]?.sentences.map((s) => s.text) ?? [];
}

async function press(key: string, code = ''): Promise<void> {
  await act(() => fireEvent.keyDown(window, { key, code }));
}

/** Presses the down arrow until the item said matches `wanted`; fails after 40 presses. */
async function moveTo(office: FakeOffice, wanted: RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await press('ArrowDown');
    if (wanted.test(lastSaid(office).join(' '))) return;
  }
  throw new Error(`never reached ${wanted}; last said ${lastSaid(office).join(' | ')}`);
}

describe('spoken mode with the keypad', () => {
  test('a key starts it: the instructions, then the screen, then one item a key', async () => {
    const office = await startKiosk();
    expect(argsOf(office, 'speak')).toHaveLength(0); // silent until asked

    await press('ArrowDown');
    await vi.waitFor(() => expect(lastSaid(office)[0]).toMatch(/^Hướng dẫn bằng giọng nói/));
    const opening = lastSaid(office);
    expect(opening[1]).toBe('Xin chào! Bạn cần làm gì?');
    // The choices by their Vietnamese names only, not the small English ones.
    expect(opening[2]).toMatch(/^Các lựa chọn: Lấy số thứ tự; Kiểm tra hồ sơ; Lịch hẹn; Nộp trực tuyến/);
    expect(opening.join(' ')).not.toContain('Take a number');

    // The first key only started the mode; the next one moves to the first choice.
    await press('ArrowDown');
    expect(lastSaid(office)).toEqual(['Lấy số thứ tự']);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('action-take-number');
    await press('ArrowUp');
    expect(lastSaid(office)).toEqual(['Xin chào! Bạn cần làm gì?']);
  });

  test('a number from home to the spoken ticket, keys only', async () => {
    const office = await startKiosk();
    await press('F1');
    await moveTo(office, /^Lấy số thứ tự$/);
    await press('Enter');
    // The next screen is said from its heading: the choice was just heard, not said again.
    await vi.waitFor(() => expect(lastSaid(office).join(' ')).toContain('Hộ tịch'));
    expect(lastSaid(office)[0]).not.toBe('Lấy số thứ tự');

    await moveTo(office, /Hộ tịch/);
    await press('Enter');
    await vi.waitFor(() => expect(lastSaid(office).join(' ')).toContain('Đăng ký khai sinh'));
    await moveTo(office, /^Đăng ký khai sinh/);
    await press('Enter');
    await vi.waitFor(() => expect(screen.getByTestId('confirm-take-number')).toBeTruthy());
    await moveTo(office, /^Lấy số$/);
    await press('Enter');

    await vi.waitFor(() => expect(screen.getByTestId('ticket-number')).toBeTruthy());
    await vi.waitFor(() =>
      expect(lastSaid(office)).toContain('Số của bạn là A-017. Có 4 người trước bạn. Thời gian chờ khoảng 18 phút.'),
    );
    const ticket = lastSaid(office);
    const heading = ticket.indexOf('Số thứ tự của bạn');
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(heading).toBeLessThan(
      ticket.indexOf('Số của bạn là A-017. Có 4 người trước bạn. Thời gian chờ khoảng 18 phút.'),
    );
    expect(ticket.join(' ')).toContain('Hãy ngồi chờ. Khi đến lượt, số của bạn sẽ được gọi.');
    expect(ticket.join(' ')).toContain('Vé đã in, mời bạn lấy vé');

    // Heard again on the repeat key, and the help key says the instructions again.
    await press('Clear');
    expect(argsOf(office, 'repeat_speaking')).toHaveLength(1);
    await press('F1');
    expect(lastSaid(office)[0]).toMatch(/^Hướng dẫn bằng giọng nói/);
  });

  test('a booking code typed on the on-screen keyboard is spelled back, and the arrows jump over the keyboard', async () => {
    const office = await startKiosk();
    await press('ArrowDown');
    await moveTo(office, /Lịch hẹn/);
    await press('Enter');
    await vi.waitFor(() => expect(screen.queryByTestId('have-booking') ?? screen.queryByTestId('check-in')).toBeTruthy());
    await moveTo(office, /Tôi đã có lịch hẹn|có lịch hẹn/i);
    await press('Enter');
    await vi.waitFor(() => expect(screen.getByTestId('checkin-code')).toBeTruthy());

    // Down from the field: Confirm (not yet usable), then the keyboard as one place.
    await press('ArrowDown');
    expect(lastSaid(office).join(' ')).toMatch(/chưa dùng được/);
    await press('ArrowDown');
    const firstKey = document.activeElement;
    expect(firstKey?.closest('[data-keys]')).toBeTruthy();
    // Left and right go key by key; Enter types the key and the code so far is spelled.
    await press('ArrowRight');
    const second = document.activeElement as HTMLElement;
    expect(second).not.toBe(firstKey);
    expect(second.closest('[data-keys]')).toBeTruthy();
    await press('Enter');
    const typed = (screen.getByTestId('checkin-code') as HTMLInputElement).value;
    expect(typed).toHaveLength(1);
    await vi.waitFor(() => expect(lastSaid(office)).toContain(`Đã nhập: ${typed}`));
    // Down again leaves the keyboard whole.
    await press('ArrowDown');
    expect(document.activeElement?.closest('[data-keys]')).toBeNull();
  });

  test('volume keys change the loudness within bounds and say it', async () => {
    const office = await startKiosk();
    await press('ArrowDown');
    await press('+', 'NumpadAdd');
    await vi.waitFor(() => expect(lastSaid(office)).toEqual(['Âm lượng 100 phần trăm']));
    for (let i = 0; i < 6; i++) await press('-', 'NumpadSubtract');
    await vi.waitFor(() => expect(lastSaid(office)).toEqual(['Âm lượng 20 phần trăm']));
    // The same characters typed (or scanned) on the main keys do nothing.
    const before = said(office).length;
    await press('-', 'Minus');
    expect(said(office)).toHaveLength(before);
  });
});

describe('read aloud by touch', () => {
  test('"Đọc to" reads the screen, then what is touched before the screen it opens; idle ends it', async () => {
    const office = await startKiosk();
    await touch('read-aloud');
    await vi.waitFor(() => expect(lastSaid(office)).toContain('Xin chào! Bạn cần làm gì?'));
    await touch('action-take-number');
    await vi.waitFor(() => expect(lastSaid(office)[0]).toBe('Lấy số thứ tự'));
    expect(lastSaid(office).length).toBeGreaterThan(1);
    expect(screen.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('say-again')).toBeTruthy();

    await touch('read-aloud');
    expect(argsOf(office, 'stop_speaking').length).toBeGreaterThan(0);
    const count = said(office).length;
    await touch('back');
    expect(said(office)).toHaveLength(count); // off: nothing more is said
  });
});

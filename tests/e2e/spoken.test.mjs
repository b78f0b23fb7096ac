// A visitor who cannot see the screen: the real kiosk window driven by keys alone, and
// what the kiosk says, as its voice (eSpeak NG) rendered it, read back from the
// recording the kiosk keeps when asked to (KIOSK_SPEECH_RECORD_DIR).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startWorld, startDriver, stopWorld, api, outputDir, waitUntil, nextWorkingMorning, sleep } from './harness.mjs';

let world;
let driver;
let kiosk;
let spokenDir;

before(async () => {
  // A working morning on the central's clock: numbers are issued and the first slots'
  // check-in is open.
  world = await startWorld({ clockStart: nextWorkingMorning() });
  spokenDir = join(world.dir, 'spoken');
  // The kiosk inherits these through the driver: keep every clip said, and play on ALSA's
  // null device (this machine has no sound card).
  process.env.KIOSK_SPEECH_RECORD_DIR = spokenDir;
  process.env.KIOSK_AUDIO_DEVICE = 'null';
  ({ driver, session: kiosk } = await startDriver(world.profile));
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

after(async () => {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** What the kiosk said so far, in order: `{ n, language, text }`. */
function heard() {
  const log = join(spokenDir, 'spoken.tsv');
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [n, language, text] = line.split('\t');
      return { n, language, text };
    });
}

/** Presses one key, as a keypad sends it. */
async function press(value) {
  await kiosk.call('POST', '/actions', {
    actions: [{ type: 'key', id: 'keypad', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
  });
  await kiosk.call('DELETE', '/actions');
}

const KEY = { down: '\uE015', up: '\uE013', right: '\uE014', enter: '\uE007', f1: '\uE031' };

/** Presses `value` and waits until the kiosk said something after it and then nothing
 *  more for a moment (the voice here plays into ALSA's null device, at once); returns
 *  what was said. */
async function pressAndHear(value) {
  const before = heard().length;
  await press(value);
  await waitUntil('speech after a key', () => heard().length > before, { timeoutMs: 5000, everyMs: 20 });
  let count = heard().length;
  for (;;) {
    await sleep(150);
    const now = heard().length;
    if (now === count) break;
    count = now;
  }
  return heard().slice(before);
}

/** Moves down item by item until the item said (the last words after a key) matches. */
async function moveTo(wanted) {
  for (let i = 0; i < 60; i++) {
    const said = await pressAndHear(KEY.down);
    if (wanted.test(said[said.length - 1].text)) return;
  }
  throw new Error(`never heard ${wanted}; last: ${heard().slice(-3).map((l) => l.text).join(' | ')}`);
}

/** Waits until a line matching `wanted` was said; returns it. */
function hearing(wanted, timeoutMs = 10000) {
  return waitUntil(`the kiosk to say ${wanted}`, () => heard().find((line) => wanted.test(line.text)), {
    timeoutMs,
    everyMs: 50,
  });
}

/** sox's statistics of a WAV file, by name. */
function soundStats(path) {
  const run = spawnSync('sox', [path, '-n', 'stat'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const stats = {};
  for (const line of run.stderr.split('\n')) {
    const [name, value] = line.split(':');
    if (value !== undefined) stats[name.trim()] = Number(value.trim());
  }
  return stats;
}

test('a number from home to the spoken ticket with the keypad alone', async () => {
  assert.deepEqual(heard(), [], 'silent until a key is pressed');

  // Any arrow starts the spoken mode: the instructions, then the screen.
  await press(KEY.down);
  await hearing(/^Các lựa chọn: Lấy số thứ tự/);
  await moveTo(/^Lấy số thứ tự$/);
  await press(KEY.enter);
  await hearing(/Hộ tịch/);
  await moveTo(/^Hộ tịch/);
  await press(KEY.enter);
  await hearing(/Đăng ký khai sinh/);
  await moveTo(/^Đăng ký khai sinh/);
  await press(KEY.enter);
  await kiosk.waitFor('[data-testid="confirm-take-number"]');
  await moveTo(/^Lấy số$/);
  await press(KEY.enter);

  const ticketLine = await hearing(/^Số của bạn là [A-ZĐ]+-\d+\./, 15000);
  assert.ok(ticketLine.text.length > 40, ticketLine.text);
  const number = await kiosk.text('[data-testid="ticket-number"]');
  // The first number of the day has nobody ahead; later ones say how many and how long.
  assert.match(
    ticketLine.text,
    new RegExp(
      `^Số của bạn là ${number}\\. (Không có ai trước bạn: bạn sẽ được gọi ngay|Có \\d+ người trước bạn\\. Thời gian chờ khoảng \\d+ phút)\\.$`,
    ),
  );
  await hearing(/^Hãy ngồi chờ/);
  const issued = await api(world.central.url, world.adminToken, '/offices/hn-ba-dinh/tickets');
  assert.ok(issued.body.some((ticket) => ticket.number === number), `${number} was issued`);

  // The order a visitor heard it in: instructions, home, each choice, then the ticket.
  const texts = heard().map((line) => line.text);
  const at = (wanted) => texts.findIndex((text) => wanted.test(text));
  const order = [
    at(/^Hướng dẫn bằng giọng nói/),
    at(/^Xin chào! Bạn cần làm gì\?$/),
    at(/^Lấy số thứ tự$/),
    at(/^Đăng ký khai sinh/),
    at(/^Lấy số$/),
    at(/^Số thứ tự của bạn$/),
    texts.indexOf(ticketLine.text),
    at(/^Hãy ngồi chờ/),
  ];
  assert.ok(order.every((i) => i >= 0), `each was said: ${JSON.stringify(order)} in ${texts.join(' | ')}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, `said in order: ${texts.join(' | ')}`);
  assert.ok(heard().every((line) => line.language === 'vi'), 'in the screen language');

  // The ticket as sound: speech, not silence, of a length its words need.
  const wav = join(spokenDir, `${ticketLine.n}-vi.wav`);
  const stats = soundStats(wav);
  assert.ok(stats['Length (seconds)'] > 3, `long enough for the sentence: ${stats['Length (seconds)']} s`);
  assert.ok(stats['RMS     amplitude'] > 0.02, `not silence: RMS ${stats['RMS     amplitude']}`);
  assert.ok(stats['Maximum amplitude'] > 0.2, `heard: peak ${stats['Maximum amplitude']}`);
  copyFileSync(wav, join(outputDir, 'spoken-ticket.wav'));
  // As a helper beside the visitor sees it: "Đọc to" on, with "Nghe lại" beside it.
  assert.equal(await kiosk.attribute('[data-testid="read-aloud"]', 'aria-pressed'), 'true');
  writeFileSync(join(outputDir, 'spoken-ticket.png'), await kiosk.screenshot());

  // The help key says the instructions again, from the ticket screen.
  const before = heard().length;
  await press(KEY.f1);
  await waitUntil('the instructions again', () =>
    heard().slice(before).find((line) => /^Hướng dẫn bằng giọng nói/.test(line.text)),
  );
});

test('a booking checked in with the keypad alone: the code typed on the on-screen keyboard, then the ticket heard', async () => {
  const office = 'hn-ba-dinh';
  const catalogue = await api(world.central.url, world.adminToken, `/offices/${office}/catalogue`);
  const service = catalogue.body.procedures[0].code;
  const today = nextWorkingMorning().slice(0, 10);
  const slots = await api(world.central.url, world.adminToken, `/offices/${office}/slots?service=${service}&date=${today}`);
  const slot = slots.body.slots.find((s) => s.remaining > 0);
  assert.ok(slot, JSON.stringify(slots.body));
  const booked = await api(world.central.url, world.adminToken, `/offices/${office}/appointments`, {
    method: 'POST',
    body: JSON.stringify({ service, slot_start: slot.start, contact: { phone: '0912000222' } }),
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const code = booked.body.code;

  // From the ticket screen of the test before: "Xong" (Done) is its only choice.
  await moveTo(/^Xong$/);
  await press(KEY.enter);
  await hearing(/^Xin chào! Bạn cần làm gì\?$/);
  await moveTo(/^Lịch hẹn$/);
  await press(KEY.enter);
  await kiosk.waitFor('[data-testid="have-booking"]');
  await moveTo(/^Tôi đã có lịch hẹn$/);
  await press(KEY.enter);
  await kiosk.waitFor('[data-testid="checkin-code"]');
  // The field has the focus; down: Confirm (not usable yet), then the keyboard.
  await moveTo(/^Xác nhận, chưa dùng được$/);
  await pressAndHear(KEY.down);
  for (const char of code) {
    let found = false;
    for (let i = 0; i < 45 && !found; i++) {
      const said = await pressAndHear(KEY.right);
      found = said[said.length - 1].text === char;
    }
    assert.ok(found, `the key ${char} was never said`);
    const before = heard().length;
    await press(KEY.enter);
    await waitUntil(`the code so far said after ${char}`, () =>
      heard().slice(before).find((line) => /^Đã nhập: /.test(line.text)),
    { timeoutMs: 5000, everyMs: 20 });
  }
  assert.equal(await kiosk.execute('return document.querySelector(\'[data-testid="checkin-code"]\').value'), code);
  assert.ok(heard().some((line) => line.text === `Đã nhập: ${[...code].join(' ')}`), 'the whole code spelled back');
  // Up from the keyboard is Confirm, usable now.
  const confirm = await pressAndHear(KEY.up);
  assert.equal(confirm[0].text, 'Xác nhận');
  const before = heard().length;
  await press(KEY.enter);
  const ticketLine = await waitUntil('the checked-in ticket said', () =>
    heard().slice(before).find((line) => /^Số của bạn là [A-ZĐ]+-\d+\./.test(line.text)),
  );
  const number = await kiosk.text('[data-testid="ticket-number"]');
  assert.ok(ticketLine.text.startsWith(`Số của bạn là ${number}.`), ticketLine.text);
  const tickets = await api(world.central.url, world.adminToken, `/offices/${office}/tickets`);
  const ticket = tickets.body.find((t) => t.number === number);
  assert.equal(ticket?.priority, 'appointment', 'the number is the booking checked in');
});

// A visitor who cannot see the screen: the real kiosk window driven by keys alone, and
// what the kiosk says, as its voice (eSpeak NG) rendered it, read back from the
// recording the kiosk keeps when asked to (KIOSK_SPEECH_RECORD_DIR).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorld, startDriver, stopWorld, api, outputDir, waitUntil } from './harness.mjs';

let world;
let driver;
let kiosk;
let spokenDir;

before(async () => {
  world = await startWorld();
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

const KEY = { down: '\uE015', enter: '\uE007', f1: '\uE031' };

/** Presses `value` and waits until the kiosk said something after it; returns what. */
async function pressAndHear(value) {
  const before = heard().length;
  await press(value);
  return waitUntil(`speech after a key`, () => {
    const now = heard();
    return now.length > before ? now.slice(before) : null;
  }, { timeoutMs: 5000, everyMs: 20 });
}

/** Moves down item by item until the item said matches `wanted`. */
async function moveTo(wanted) {
  for (let i = 0; i < 60; i++) {
    const said = await pressAndHear(KEY.down);
    if (said.some((line) => wanted.test(line.text))) return;
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

  // The help key says the instructions again, from the ticket screen.
  const said = await pressAndHear(KEY.f1);
  assert.match(said[0].text, /^Hướng dẫn bằng giọng nói/);
});

// The office's day end to end: a number taken at the real kiosk window is called on the
// counter page (Chromium), the lobby board shows it within a second and asks for its
// sound, and the visitor's phone page names the counter.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorld, startDriver, stopWorld, createToken, api, outputDir, waitUntil } from './harness.mjs';

const OFFICE = 'hn-ba-dinh';
const COUNTER = 'hn-ba-dinh-q1'; // serves A, the queue of birth registration

let world;
let driver;
let kiosk;
let browser;

before(async () => {
  world = await startWorld();
  ({ driver, session: kiosk } = await startDriver(world.profile));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
    ],
  });
});

after(async () => {
  await browser?.close();
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** Waits until `locator`'s text matches `pattern`, within `timeout` ms. */
async function textOf(locator, pattern, timeout) {
  return waitUntil(`${pattern}`, async () => {
    const text = (await locator.textContent({ timeout: 100 }).catch(() => '')) ?? '';
    return pattern.test(text) ? text : false;
  }, { timeoutMs: timeout, everyMs: 20 });
}

test('a number taken at the kiosk is called at a counter, shown and said on the board, and named on the phone', async () => {
  // The visitor takes a number at the kiosk window.
  await kiosk.waitFor('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="service-search"]');
  for (const key of 'khai sinh') {
    await kiosk.click(key === ' ' ? '[data-testid="key-space"]' : `[data-testid="key-${key}"]`);
  }
  await kiosk.click('[data-testid="service-1.001193"]');
  await kiosk.click('[data-testid="confirm-take-number"]');
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  assert.match(number, /^A-\d{3}$/);
  const trackUrl = await kiosk.attribute('[data-testid="ticket-qr"]', 'data-qr-text');

  // The board in the lobby, and the visitor's phone from the ticket's QR code.
  const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const sounds = [];
  board.on('request', (r) => r.url().includes('announcement.wav') && sounds.push(r.url()));
  await board.goto(`${world.central.url}/board/${OFFICE}`);
  await textOf(board.locator('h1'), /Ba Đình/, 5000);
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(trackUrl);
  assert.equal(await phone.locator('h1').innerText(), number);
  await phone.locator('main[data-live="open"]').waitFor({ timeout: 5000 });

  // The officer of counter 1 signs in with a token for that counter and calls the next number.
  const token = createToken(world.db, '--role', 'staff', '--office', OFFICE, '--counter', COUNTER);
  const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await desk.goto(`${world.central.url}/counter`);
  await desk.getByLabel(/Staff token/).fill(token);
  await desk.getByRole('button', { name: /Đăng nhập/ }).click();
  await textOf(desk.getByTestId('upcoming'), new RegExp(number), 5000);
  const pressed = Date.now();
  await desk.getByRole('button', { name: /Gọi số tiếp theo/ }).click();

  await textOf(board.getByTestId('latest-call'), new RegExp(`${number}[\\s\\S]*Quầy 1`), 1000);
  const onBoard = Date.now() - pressed;
  assert.ok(onBoard < 1000, `the board showed the call ${onBoard} ms after the press`);
  await textOf(phone.locator('#status'), /Mời bạn đến quầy số 1/, 1000);
  // Nobody else waits for queue A: the board's count follows the call.
  await textOf(board.locator('.group[data-group="A"] .group-waiting'), /^0$/, 2000);
  await textOf(desk.getByTestId('current-number'), new RegExp(`^${number}$`), 1000);
  await waitUntil('the board asking for the call\'s sound', () => sounds.some((u) => u.includes(`number=${number}`)), { timeoutMs: 3000 });
  const sound = await fetch(sounds.find((u) => u.includes(`number=${number}`)));
  assert.equal(sound.status, 200);
  assert.equal(sound.headers.get('content-type'), 'audio/wav');

  writeFileSync(join(outputDir, 'office-day-board.png'), await board.screenshot());
  writeFileSync(join(outputDir, 'office-day-phone.png'), await phone.screenshot());
  writeFileSync(join(outputDir, 'office-day-kiosk.png'), await kiosk.screenshot());

  // The central agrees: the kiosk's ticket is the one called to counter 1.
  const today = await api(world.central.url, world.adminToken, `/offices/${OFFICE}/tickets`);
  const ticket = today.body.find((t) => t.number === number);
  assert.equal(ticket.state, 'called');
  assert.equal(ticket.counter, COUNTER);
  await kiosk.click('[data-testid="ticket-done"]');
});

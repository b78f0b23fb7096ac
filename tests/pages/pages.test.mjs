// The counter page and the lobby board in Debian's Chromium against the real central:
// an officer signs in, calls numbers a kiosk took, and every button (Call next, Recall,
// Transfer, Complete, No-show, Pause / Open) changes what the board in the lobby shows.
// Screenshots of both pages are kept in $CARGO_TARGET_DIR/test-output/pages/.
//
//   npm run build:pages && cargo build -p central && npm run test:pages

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  OFFICE,
  SERVICE,
  outputDir,
  staff,
  startCentral, openWorld, closeWorld,
  stopCentral,
  takeNumber,
} from './harness.mjs';
import { assertAccessible } from './axe.mjs';

const Q = (n) => `${OFFICE}-q${n}`;

let central;
let browser;
let kioskToken;
let staffToken;

before(async () => ({ central, browser, kioskToken, staffToken } = await openWorld()));
after(() => closeWorld({ central, browser }));

/** Waits until `locator`'s text matches `pattern`; fails with the last text seen. */
async function waitForText(locator, pattern, timeout = 5000) {
  const until = Date.now() + timeout;
  let text = '';
  while (Date.now() < until) {
    text = (await locator.textContent({ timeout: 200 }).catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`expected ${pattern}, last saw ${JSON.stringify(text)}`);
}

/** The board of the demo office, its event stream open, and the WAV files it asked for. */
async function openBoard() {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/404|Not Found/.test(m.text()) && errors.push(m.text()));
  const sounds = [];
  page.on('request', (r) => {
    if (r.url().includes('.wav')) sounds.push({ url: r.url(), at: Date.now() });
  });
  await page.goto(`${central.url}/board/${OFFICE}`);
  await waitForText(page.locator('h1'), /Ba Đình/);
  return { page, errors, sounds };
}

/** The counter page signed in with `token`. */
async function openCounterPage(token, viewport = { width: 1366, height: 768 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${central.url}/counter`);
  await page.getByLabel(/Staff token/).fill(token);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
  return { page, errors };
}

test('the pages come with the console’s security headers; files are cached for good, pages are not', async () => {
  for (const path of ['/counter', `/board/${OFFICE}`]) {
    const response = await fetch(`${central.url}${path}`);
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-security-policy'), /default-src 'none'; script-src 'self'/);
    assert.match(response.headers.get('content-security-policy'), /media-src 'self'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const html = await response.text();
    assert.doesNotMatch(html, /user-scalable/);
    const script = html.match(/src="(\/pages\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(script, 'the page loads its script from /pages/assets/');
    const asset = await fetch(`${central.url}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type'), /javascript/);
    assert.match(asset.headers.get('cache-control'), /immutable/);
  }
  const missing = await fetch(`${central.url}/pages/assets/nothing.js`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error, 'not_found');
});

test('a refused token is said so; a token for one counter goes straight to it', async () => {
  const refused = await openCounterPage('not-a-token');
  await waitForText(refused.page.getByRole('alert'), /Mã đăng nhập bị từ chối[\s\S]*Sign in again/);
  await assertAccessible(refused.page, 'the sign-in');
  await refused.page.close();

  const single = await openCounterPage(central.token('--role', 'staff', '--office', OFFICE, '--counter', Q(3)));
  await waitForText(single.page.locator('h1'), /^Quầy 3$/);
  await waitForText(single.page.getByTestId('current-number'), /Chưa phục vụ số nào/);
  assert.deepEqual(single.errors, []);
  await single.page.close();
});

test('an officer works a counter and the board follows every button', async () => {
  const board = await openBoard();
  const clock = await board.page.locator('.time').textContent();
  // The office's clock (the central's, started at 09:00 in Hà Nội), not the machine's.
  assert.match(clock, /^09:0\d$/);

  const waitingA = board.page.locator('.group[data-group="A"] .group-waiting');
  const waitingB = board.page.locator('.group[data-group="B"] .group-waiting');
  const tile = (n) => board.page.locator(`[data-counter="${Q(n)}"]`);
  const latest = board.page.getByTestId('latest-call');
  await waitForText(waitingA, /^0$/);

  for (let i = 0; i < 3; i += 1) await takeNumber(central, kioskToken, SERVICE.A);
  await waitForText(waitingA, /^3$/);

  const { page: desk, errors } = await openCounterPage(staffToken);
  // An office-wide token may work every counter of the office: the officer picks one.
  await waitForText(desk.locator('h1'), /Chọn quầy làm việc/);
  await assertAccessible(desk, 'the counter picker');
  await desk.getByRole('button', { name: /Quầy 1/ }).click();
  await waitForText(desk.locator('h1'), /^Quầy 1$/);
  await waitForText(desk.getByTestId('upcoming'), /A-001[\s\S]*A-002[\s\S]*A-003/);

  // Call next: the board shows the number at its counter within a second, and says it.
  const clicked = Date.now();
  await desk.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
  await waitForText(latest, /Mời số\s*A-001\s*đến\s*Quầy 1/, 1000);
  const shownAfter = Date.now() - clicked;
  assert.ok(shownAfter < 1000, `the board showed the call after ${shownAfter} ms`);
  await waitForText(tile(1), /A-001/);
  await waitForText(desk.getByTestId('current-number'), /^A-001$/);
  await waitForText(waitingA, /^2$/);
  await waitForText(desk.locator('.current'), /Đăng ký khai sinh[\s\S]*Thường/);
  console.log(`# call next to board: ${shownAfter} ms`);

  // Another counter calls: the board's newest call is theirs...
  const other = await staff(central, staffToken, 'POST', `/counters/${Q(2)}/call-next`);
  assert.equal(other.status, 200, JSON.stringify(other.body));
  await waitForText(latest, /A-002\s*đến\s*Quầy 2/);
  await board.page.screenshot({ path: join(outputDir(), 'board.png') });
  await desk.screenshot({ path: join(outputDir(), 'counter.png') });

  // ...until Recall (R) brings A-001 back to the top, the earlier call listed beneath.
  await desk.keyboard.press('r');
  await waitForText(latest, /A-001\s*đến\s*Quầy 1/);
  await waitForText(board.page.locator('.calls'), /A-002\s*Quầy 2/);
  await waitForText(desk.getByTestId('notice'), /Đã gọi lại số A-001/);

  // Transfer (T) to queue B: the counter is free again and B has one more waiting.
  await desk.keyboard.press('t');
  const dialog = desk.getByRole('dialog');
  await waitForText(dialog, /Chuyển số A-001/);
  await desk.screenshot({ path: join(outputDir(), 'counter-transfer.png') });
  await dialog.locator('button[data-group="B"]').click();
  await waitForText(tile(1), /Đang chờ gọi/);
  await waitForText(waitingB, /^1$/);
  await waitForText(desk.getByTestId('current-number'), /Chưa phục vụ số nào/);

  // Space calls the next one, once (the focused button is not clicked a second time).
  await desk.keyboard.press('Space');
  await waitForText(tile(1), /A-003/);
  await waitForText(desk.getByTestId('current-number'), /^A-003$/);
  await new Promise((r) => setTimeout(r, 300));
  await waitForText(desk.getByTestId('current-number'), /^A-003$/);
  assert.equal(await desk.getByTestId('problem').count(), 0, 'no error after one press of Space');

  // Complete (C): the tile is free again.
  await desk.keyboard.press('c');
  await waitForText(tile(1), /Đang chờ gọi/);
  await waitForText(desk.getByTestId('notice'), /Đã hoàn thành số A-003/);
  // A shortcut for the served ticket with none served says what to do first.
  await waitForText(desk.getByTestId('current-number'), /Chưa phục vụ số nào/);
  await desk.keyboard.press('c');
  await waitForText(desk.getByTestId('problem'), /Quầy chưa phục vụ số nào[\s\S]*Call the next number first/);

  // No-show (V) of the next number: the tile is free again.
  await takeNumber(central, kioskToken, SERVICE.A);
  await desk.keyboard.press('n');
  await waitForText(tile(1), /A-004/);
  await waitForText(desk.getByTestId('current-number'), /^A-004$/);
  await desk.keyboard.press('v');
  await waitForText(tile(1), /Đang chờ gọi/);
  await waitForText(desk.getByTestId('notice'), /A-004 vắng mặt/);

  // Nobody left in A: the officer is told so, in words.
  await desk.keyboard.press('n');
  await waitForText(desk.getByTestId('problem'), /Không còn ai chờ[\s\S]*Nobody is waiting/);

  // Pause (P): the board marks the counter paused; calling is refused with what to do.
  await desk.keyboard.press('p');
  await waitForText(tile(1), /Tạm dừng/);
  await waitForText(desk.getByTestId('counter-state'), /Đang tạm dừng/);
  await takeNumber(central, kioskToken, SERVICE.A);
  await desk.keyboard.press('n');
  await waitForText(desk.getByTestId('problem'), /Quầy đang tạm dừng/);
  await assertAccessible(desk, 'the counter page (paused)');
  await desk.keyboard.press('p');
  await waitForText(tile(1), /Đang chờ gọi/);
  await waitForText(desk.getByTestId('counter-state'), /Đang mở/);

  // The first call was spoken at once; the others wait their turn (see the next test).
  assert.ok(board.sounds.length >= 1, 'the board asked for the first announcement');
  assert.match(board.sounds[0].url, new RegExp(`^${central.url}/api/v1/counters/${Q(1)}/`));

  await assertAccessible(board.page, 'the board');
  assert.deepEqual(board.errors, []);
  assert.deepEqual(errors, []);
  await desk.close();
  await board.page.close();
});

test('keys pressed quickly one after another act in order: N then C completes the number just called', async () => {
  const { page, errors } = await openCounterPage(central.token('--role', 'staff', '--office', OFFICE, '--counter', Q(5)));
  await waitForText(page.getByTestId('current-number'), /Chưa phục vụ số nào/);
  const ticket = await takeNumber(central, kioskToken, SERVICE.D);
  await waitForText(page.getByTestId('upcoming'), new RegExp(ticket.number));
  await page.keyboard.press('n');
  await page.keyboard.press('c');
  await waitForText(page.getByTestId('notice'), new RegExp(`Đã hoàn thành số ${ticket.number}`));
  await waitForText(page.getByTestId('current-number'), /Chưa phục vụ số nào/);
  assert.equal(await page.getByTestId('problem').count(), 0);
  const listed = await staff(central, staffToken, 'GET', `/offices/${OFFICE}/tickets`);
  assert.equal(listed.status, 200);
  const served = listed.body.find((t) => t.number === ticket.number);
  assert.equal(served?.state, 'done', JSON.stringify(served));
  assert.deepEqual(errors, []);
  await page.close();
});

test('calls that come together are spoken one after another, never over each other', async () => {
  const board = await openBoard();
  await takeNumber(central, kioskToken, SERVICE.A);
  await takeNumber(central, kioskToken, SERVICE.A);
  // Two counters call at once.
  const [first, second] = await Promise.all([
    staff(central, staffToken, 'POST', `/counters/${Q(1)}/call-next`),
    staff(central, staffToken, 'POST', `/counters/${Q(2)}/call-next`),
  ]);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(second.status, 200, JSON.stringify(second.body));
  const until = Date.now() + 15000;
  while (board.sounds.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.equal(board.sounds.length, 2, 'both calls were announced');
  const [a, b] = board.sounds;
  // The second file is only asked for once the first has played to its end.
  const wav = Buffer.from(await (await fetch(a.url)).arrayBuffer());
  const seconds = wav.readUInt32LE(40) / wav.readUInt32LE(28);
  assert.ok(seconds > 1, `an announcement lasts ${seconds} s`);
  const gap = (b.at - a.at) / 1000;
  assert.ok(gap >= seconds - 0.25, `the second announcement started ${gap} s after the first, which lasts ${seconds} s`);
  assert.deepEqual(board.errors, []);
  await board.page.close();
});

test('a browser that will not play sound without a tap says so, and plays what waits once tapped', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // Chromium as a TV runs it without --autoplay-policy=no-user-gesture-required: play() is
  // refused until someone taps. (Headless Chromium lets the test's own calls count as taps,
  // so the refusal is played here by the page's play() itself.)
  await page.addInitScript(() => {
    let tapped = false;
    window.__played = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      if (!tapped) return Promise.reject(new DOMException('a tap is needed', 'NotAllowedError'));
      window.__played.push(this.src);
      return play.call(this);
    };
    addEventListener('pointerdown', () => (tapped = true), true);
  });
  await page.goto(`${central.url}/board/${OFFICE}`);
  await waitForText(page.locator('h1'), /Ba Đình/);
  await takeNumber(central, kioskToken, SERVICE.A);
  const called = await staff(central, staffToken, 'POST', `/counters/${Q(1)}/call-next`);
  assert.equal(called.status, 200, JSON.stringify(called.body));
  const tap = page.getByRole('button', { name: /Chạm để bật âm thanh[\s\S]*Tap to enable sound/ });
  await tap.waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(outputDir(), 'board-sound-blocked.png') });
  assert.deepEqual(await page.evaluate(() => window.__played), []);
  await tap.click();
  await tap.waitFor({ state: 'detached', timeout: 5000 });
  const played = await page.evaluate(() => window.__played);
  assert.equal(played.length, 1, 'the call that waited is played once tapped');
  assert.match(played[0], new RegExp(`/api/v1/counters/${Q(1)}/`));
  await page.close();
});

test('a closed office says so with its next opening, in the office’s time; an unknown office is named', async () => {
  // Wednesday 18:30 in Hà Nội: closed until Thursday 08:00.
  const evening = await startCentral('2026-12-02T18:30:00+07:00');
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${evening.url}/board/${OFFICE}`);
    await waitForText(page.locator('.closed'), /Ngoài giờ làm việc · Mở cửa lại lúc 08:00 Thứ Năm[\s\S]*Closed · Opens again Thursday 3 December at 08:00/);
    assert.match(await page.locator('.time').textContent(), /^18:3\d$/);
    await page.screenshot({ path: join(outputDir(), 'board-closed.png') });
    await assertAccessible(page, 'the closed board');

    await page.goto(`${evening.url}/board/no-such-office`);
    await waitForText(page.locator('h1'), /Không có văn phòng “no-such-office”/);
    await page.close();
  } finally {
    await stopCentral(evening);
  }
});

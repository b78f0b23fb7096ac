// axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA and best practices) on every browser page of the
// central in Debian's Chromium, against the real central, in every state a person sees:
// the visitor's ticket page waiting, told to step out, called, served, missed and unknown,
// and the checklist page with one case and with several, each at two phone widths and a
// desktop one, with the browser set to Vietnamese and to English; the counter page's
// sign-in, picker, desk with a number called, transfer dialog and paused desk; the lobby
// board with calls, closed, asking for a tap to play sound, and for an unknown office.
// No violation is allowed: a failure names the rule, the element and what to fix.
//
//   npm run build:pages && cargo build --release -p central && npm run test:pages

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  OFFICE, SERVICE, outputDir, staff, startCentral, openWorld, closeWorld, stopCentral, takeNumber,
} from './harness.mjs';
import { assertAccessible, assertReflows } from './axe.mjs';

const Q = (n) => `${OFFICE}-q${n}`;
/** Two phones (a small Android, an iPhone) and a desktop browser. */
const SIZES = [
  { name: 'phone 360', viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'phone 390', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];
/** The browser's own language: the pages speak Vietnamese with English beneath either way. */
const LOCALES = ['vi-VN', 'en-US'];

let central;
let browser;
let kiosk;
let officer;

before(async () => ({ central, browser, kioskToken: kiosk, staffToken: officer } = await openWorld()));
after(() => closeWorld({ central, browser }));

/** Calls `fn(page, label)` in a fresh page for every size and language; fails on a
 *  script error or a refusal by the page's policy (a style or script it did not load). */
async function everyPhone(fn) {
  for (const locale of LOCALES) {
    for (const { name, ...options } of SIZES) {
      const context = await browser.newContext({ ...options, locale });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      // The unknown pages answer 404 on purpose; Chromium refuses a vibration before the
      // visitor has touched the page, which the called page asks for and may be refused.
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 404|navigator\.vibrate/.test(m.text())) problems.push(m.text());
      });
      try {
        await fn(page, `${name}, ${locale}`);
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], `${name}, ${locale}`);
    }
  }
}

const pathOf = (ticket) => new URL(ticket.track_url).pathname;

/** Waits until the ticket page's line of where the number stands matches `pattern`. */
async function expectStatus(page, pattern) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.innerText ?? ''),
    pattern.source,
    { timeout: 5000 },
  );
}

test('the ticket page has no accessibility violation in any state, size or language', async () => {
  // Queue A at this office: one number called, one served, one missed, one next, and a
  // long queue behind so the last is told it may step out.
  const tickets = [];
  for (let i = 0; i < 14; i += 1) tickets.push(await takeNumber(central, kiosk, SERVICE.A));
  const call = async (counter) => {
    const answer = await staff(central, officer, 'POST', `/counters/${counter}/call-next`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    // The answer names the ticket; its page's address is on the kiosk's copy.
    return tickets.find((t) => t.id === answer.body.ticket.id);
  };
  const served = await call(Q(1));
  assert.equal((await staff(central, officer, 'POST', `/tickets/${served.id}/complete`)).status, 200);
  const missed = await call(Q(1));
  assert.equal((await staff(central, officer, 'POST', `/tickets/${missed.id}/no-show`)).status, 200);
  const called = await call(Q(1));
  const next = tickets[3];
  const last = tickets.at(-1);

  const states = [
    { ticket: last, status: /người trước bạn/, advice: true, name: 'waiting, may step out' },
    { ticket: next, status: /Bạn là người tiếp theo/, name: 'next' },
    { ticket: called, status: /Mời bạn đến quầy số 1/, name: 'called' },
    { ticket: served, status: /Đã phục vụ xong/, name: 'served' },
    { ticket: missed, status: /Đã qua lượt/, name: 'missed' },
  ];
  await everyPhone(async (page, label) => {
    for (const state of states) {
      await page.goto(`${central.url}${pathOf(state.ticket)}`);
      await page.locator('main[data-live="open"]').waitFor({ timeout: 5000 });
      await expectStatus(page, state.status);
      if (state.advice) assert.equal(await page.locator('#advice').isVisible(), true, 'the step-out advice shows');
      await assertAccessible(page, `the ticket page, ${state.name} (${label})`);
      await assertReflows(page, `the ticket page, ${state.name} (${label})`);
    }
    const missing = await page.goto(`${central.url}/t/no-such-ticket`);
    assert.equal(missing.status(), 404);
    // The big "?" where the number would be is heard as what it means.
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Không tìm thấy số' }).count(), 1);
    await assertAccessible(page, `the ticket page of an unknown number (${label})`);
  });

  // Called while the visitor looks: the page the script turns green is as clean.
  const { name, ...phone } = SIZES[0];
  const context = await browser.newContext({ ...phone, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${central.url}${pathOf(next)}`);
  await page.locator('main[data-live="open"]').waitFor({ timeout: 5000 });
  await call(Q(2));
  await expectStatus(page, /Mời bạn đến quầy số 2/);
  await page.locator('main.called').waitFor();
  await assertAccessible(page, `the ticket page turned to called by its script (${name})`);
  await context.close();
});

test('the ticket page without scripts has no accessibility violation', async () => {
  const ticket = await takeNumber(central, kiosk, SERVICE.D);
  const { name, ...phone } = SIZES[0];
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  // The page's own script refused, as a browser with scripts off would (axe-core itself
  // needs scripts to run, so they cannot be off altogether).
  await page.route('**/t/track.js', (route) => route.abort());
  await page.goto(`${central.url}${pathOf(ticket)}`);
  assert.match(await page.locator('#status').innerText(), /người trước bạn|Bạn là người tiếp theo/);
  assert.equal(await page.locator('main[data-live]').count(), 0, 'the live script did not run');
  await assertAccessible(page, `the ticket page without its script (${name})`);
  await context.close();
});

test('the checklist page has no accessibility violation with one case, several, or none found', async () => {
  const pages = [
    { path: `/c/${OFFICE}/1.001193`, name: 'several cases', text: /Trường hợp không có Giấy chứng sinh/ },
    { path: `/c/${OFFICE}/1.001193?case=1`, name: 'one case picked', text: /Trường hợp không có Giấy chứng sinh/ },
    { path: `/c/${OFFICE}/1.000656`, name: 'a procedure of one case', text: /Đăng ký khai tử/ },
    { path: `/c/${OFFICE}/2.000884`, name: 'in person only', text: /trực tiếp tại văn phòng/ },
  ];
  await everyPhone(async (page, label) => {
    for (const { path, name, text } of pages) {
      const response = await page.goto(`${central.url}${path}`);
      assert.equal(response.status(), 200, path);
      assert.match(await page.locator('body').innerText(), text);
      // Styled: the policy lets the page's own stylesheet in.
      assert.equal(await page.locator('h2').first().evaluate((h) => getComputedStyle(h).borderBottomStyle), 'solid');
      await assertAccessible(page, `the checklist page, ${name} (${label})`);
      await assertReflows(page, `the checklist page, ${name} (${label})`);
      if (path.endsWith('1.001193') && label === 'phone 360, vi-VN') {
        await page.screenshot({ path: join(outputDir(), 'checklist-phone.png'), fullPage: true });
      }
    }
    const missing = await page.goto(`${central.url}/c/${OFFICE}/9.999999`);
    assert.equal(missing.status(), 404);
    await assertAccessible(page, `the checklist page of an unknown procedure (${label})`);
  });
});

/** Waits until `locator`'s text matches `pattern`. */
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

/** The counter page at `viewport`, signed in with `token` unless none is given. */
async function openCounterPage(viewport, token) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${central.url}/counter`);
  await page.getByLabel(/Staff token/).waitFor();
  if (token) {
    await page.getByLabel(/Staff token/).fill(token);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
  }
  return page;
}

test('the counter page has no accessibility violation signed out, picking, working, transferring or paused', async () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
    const size = `${viewport.width}×${viewport.height}`;
    const signIn = await openCounterPage(viewport);
    await assertAccessible(signIn, `the sign-in (${size})`);
    await signIn.getByLabel(/Staff token/).fill('not-a-token');
    await signIn.getByRole('button', { name: /Đăng nhập/ }).click();
    await waitForText(signIn.getByRole('alert'), /Mã đăng nhập bị từ chối/);
    await assertAccessible(signIn, `the sign-in with a refused token (${size})`);
    await signIn.close();

    const desk = await openCounterPage(viewport, officer);
    await waitForText(desk.locator('h1'), /Chọn quầy làm việc/);
    await assertAccessible(desk, `the counter picker (${size})`);
    await desk.getByRole('button', { name: /Quầy 5/ }).click();
    await waitForText(desk.locator('h1'), /^Quầy 5$/);
    await waitForText(desk.getByTestId('current-number'), /Chưa phục vụ số nào/);
    await assertAccessible(desk, `the counter page serving nobody (${size})`);

    await takeNumber(central, kiosk, SERVICE.D);
    await takeNumber(central, kiosk, SERVICE.D);
    await desk.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    await waitForText(desk.getByTestId('current-number'), /^D-\d+$/);
    await waitForText(desk.getByTestId('notice'), /Đã gọi số/);
    await assertAccessible(desk, `the counter page with a number called (${size})`);
    await assertReflows(desk, `the counter page with a number called (${size})`);

    await desk.keyboard.press('t');
    await waitForText(desk.getByRole('dialog'), /Chuyển số D-/);
    await assertAccessible(desk, `the transfer dialog (${size})`);
    await desk.keyboard.press('Escape');
    await desk.getByRole('dialog').waitFor({ state: 'detached' });

    await desk.keyboard.press('c');
    await waitForText(desk.getByTestId('notice'), /Đã hoàn thành/);
    await desk.keyboard.press('p');
    await waitForText(desk.getByTestId('counter-state'), /Đang tạm dừng/);
    await desk.keyboard.press('n');
    await waitForText(desk.getByTestId('problem'), /Quầy đang tạm dừng/);
    await assertAccessible(desk, `the paused counter page with a problem shown (${size})`);
    await desk.keyboard.press('p');
    await waitForText(desk.getByTestId('counter-state'), /Đang mở/);
    await desk.getByRole('button', { name: /Đăng xuất/ }).click();
    await desk.close();
  }
});

test('the board has no accessibility violation with calls, closed, waiting for a tap, or for an unknown office', async () => {
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
    const size = `${viewport.width}×${viewport.height}`;
    const board = await browser.newPage({ viewport });
    await board.goto(`${central.url}/board/${OFFICE}`);
    await waitForText(board.locator('h1'), /Ba Đình/);
    await takeNumber(central, kiosk, SERVICE.A);
    await takeNumber(central, kiosk, SERVICE.A);
    for (const counter of [Q(1), Q(2)]) {
      const answer = await staff(central, officer, 'POST', `/counters/${counter}/call-next`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    await waitForText(board.getByTestId('latest-call'), /Quầy 2/);
    await waitForText(board.locator('.calls'), /Quầy/);
    // Once the newest call has stopped flashing, and while it flashes.
    await assertAccessible(board, `the board with calls, flashing (${size})`);
    await board.locator('.latest.flash').waitFor({ state: 'detached', timeout: 12000 });
    await assertAccessible(board, `the board with calls (${size})`);
    await board.close();
  }

  const unknown = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await unknown.goto(`${central.url}/board/no-such-office`);
  await waitForText(unknown.locator('h1'), /Không có văn phòng/);
  await assertAccessible(unknown, 'the board of an unknown office');
  await unknown.close();

  const evening = await startCentral('2026-12-02T18:30:00+07:00');
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${evening.url}/board/${OFFICE}`);
    await waitForText(page.locator('.closed'), /Ngoài giờ làm việc/);
    await assertAccessible(page, 'the closed board');
    await page.close();
  } finally {
    await stopCentral(evening);
  }
});

test('the board asking for a tap to play sound has no accessibility violation', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(() => {
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('a tap is needed', 'NotAllowedError'));
  });
  await page.goto(`${central.url}/board/${OFFICE}`);
  await waitForText(page.locator('h1'), /Ba Đình/);
  await takeNumber(central, kiosk, SERVICE.A);
  const answer = await staff(central, officer, 'POST', `/counters/${Q(1)}/call-next`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  await page.getByRole('button', { name: /Chạm để bật âm thanh/ }).waitFor({ timeout: 5000 });
  await assertAccessible(page, 'the board asking for a tap');
  await page.close();
});

// The visitor's phone page /t/{id} in Debian's Chromium at a phone's size, against the
// real central: it changes the moment the number is called, transferred, served or missed,
// without reloading; it still says where the number stands with scripts off.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  OFFICE, SERVICE, outputDir, staff, openWorld, closeWorld, takeNumber,
} from './harness.mjs';
import { assertAccessible } from './axe.mjs';

const COUNTER = 'hn-ba-dinh-q1'; // serves A
const OTHER = 'hn-ba-dinh-q2'; // serves A and E
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let central;
let browser;
let kiosk;
let officer;

before(async () => ({ central, browser, kioskToken: kiosk, staffToken: officer } = await openWorld()));
after(() => closeWorld({ central, browser }));

/** Opens the ticket's page and marks the document, so a reload would show. */
async function openPhone(ticket) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const url = new URL(ticket.track_url);
  await page.goto(`${central.url}${url.pathname}`);
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  // The page follows the lobby once its stream has said hello (the snapshot).
  await page.locator('main[data-live="open"]').waitFor({ timeout: 5000 });
  return { context, page };
}

const statusText = (page) => page.locator('#status').innerText();

async function expectStatus(page, pattern, within = 1000) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status').innerText),
    pattern.source,
    { timeout: within },
  );
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page changed without reloading');
}

test('the phone says where the number stands, then the counter the moment it is called', async () => {
  const ticket = await takeNumber(central, kiosk, SERVICE.A);
  const { context, page } = await openPhone(ticket);
  assert.equal(await page.locator('h1').innerText(), ticket.number);
  assert.match(await statusText(page), /Bạn là người tiếp theo/);
  assert.equal(await page.locator('main').count(), 1);
  await assertAccessible(page, 'the ticket page, waiting');

  // Someone else takes a number after this one: this page is not told it is behind them.
  await takeNumber(central, kiosk, SERVICE.A);
  const called = await staff(central, officer, 'POST', `/counters/${COUNTER}/call-next`);
  assert.equal(called.status, 200);
  assert.equal(called.body.ticket.number, ticket.number);
  await expectStatus(page, /Mời bạn đến quầy số 1/);
  assert.match(await statusText(page), /Please go to counter 1/);
  assert.equal(await page.locator('main.called').count(), 1, 'the called page turns green');
  await page.screenshot({ path: join(outputDir(), 'phone-called.png') });

  // Sent to another queue: waiting again, with people ahead said plainly.
  const moved = await staff(central, officer, 'POST', `/tickets/${called.body.ticket.id}/transfer`, { counter: OTHER });
  assert.equal(moved.status, 200);
  await expectStatus(page, /Bạn là người tiếp theo|Còn \d+ người trước bạn/, 3000);
  assert.equal(await page.locator('main.called').count(), 0);

  const again = await staff(central, officer, 'POST', `/counters/${OTHER}/call-next`);
  assert.equal(again.body.ticket.number, ticket.number);
  await expectStatus(page, /Mời bạn đến quầy số 2/);
  const done = await staff(central, officer, 'POST', `/tickets/${ticket.id}/complete`);
  assert.equal(done.status, 200);
  await expectStatus(page, /Đã phục vụ xong/, 3000);
  await context.close();
});

test('a missed number is told to ask at a counter; a long wait says how long one may step out', async () => {
  // Fill queue A so the last one waits long.
  const tickets = [];
  for (let i = 0; i < 8; i++) tickets.push(await takeNumber(central, kiosk, SERVICE.A));
  const last = tickets.at(-1);
  const { context, page } = await openPhone(last);
  assert.match(await statusText(page), /Còn \d+ người trước bạn · khoảng \d+ phút/);
  assert.match(await page.locator('#advice').innerText(), /Bạn có thể ra ngoài và quay lại trong vòng \d+ phút/);
  await page.screenshot({ path: join(outputDir(), 'phone-waiting.png') });
  const before = await statusText(page);
  // Someone ahead is called: the count goes down on its own.
  await staff(central, officer, 'POST', `/counters/${COUNTER}/call-next`);
  await page.waitForFunction((was) => document.getElementById('status').innerText !== was, before, { timeout: 3000 });

  // Call until this one, then mark it not come.
  for (;;) {
    const c = await staff(central, officer, 'POST', `/counters/${COUNTER}/call-next`);
    assert.equal(c.status, 200);
    if (c.body.ticket.id === last.id) break;
  }
  await expectStatus(page, /Mời bạn đến quầy số 1/);
  await staff(central, officer, 'POST', `/tickets/${last.id}/no-show`);
  await expectStatus(page, /Đã qua lượt/, 3000);
  await context.close();
});

test('without scripts the page still says where the number stands and refreshes itself', async () => {
  const ticket = await takeNumber(central, kiosk, SERVICE.A);
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${central.url}${new URL(ticket.track_url).pathname}`);
  assert.equal(await page.locator('h1').innerText(), ticket.number);
  assert.match(await statusText(page), /người trước bạn|Bạn là người tiếp theo/);
  assert.equal(await page.locator('noscript meta[http-equiv="refresh"]').count(), 1);
  await context.close();
});

// End to end: the real kiosk window under Xvfb, driven like a visitor's finger,
// against a real central server with the demo data.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, startDriver, startCentral, stop, stopWorld, api, outputDir, sleep } from './harness.mjs';

let world;
let driver;
let kiosk;

before(async () => {
  world = await startWorld();
  ({ driver, session: kiosk } = await startDriver(world.profile));
});

after(async () => {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** Back to the home screen from wherever the test before left the kiosk. */
async function toHome() {
  for (const css of ['[data-testid="ticket-done"]', '[data-testid="home"]']) {
    for (const id of await kiosk.findAll(css)) {
      if (await kiosk.call('GET', `/element/${id}/displayed`).catch(() => false)) {
        await kiosk.call('POST', `/element/${id}/click`, {});
      }
    }
  }
  await kiosk.waitFor('[data-testid="action-take-number"]');
}

async function ticketsToday() {
  const today = await api(world.central.url, world.adminToken, '/offices/hn-ba-dinh/tickets');
  assert.equal(today.status, 200);
  return today.body;
}

async function shot(name) {
  writeFileSync(join(outputDir, `${name}.png`), await kiosk.screenshot());
}

test('home offers the four actions in Vietnamese, then English', async () => {
  await toHome();
  assert.match(await kiosk.text('[data-testid="action-take-number"]'), /Lấy số thứ tự/);
  assert.match(await kiosk.text('[data-testid="action-check-documents"]'), /Kiểm tra hồ sơ/);
  assert.match(await kiosk.text('[data-testid="action-appointment"]'), /Lịch hẹn/);
  assert.match(await kiosk.text('[data-testid="action-apply-online"]'), /Nộp trực tuyến/);
  // Accented letters come from the bundled font's Vietnamese subset, loaded before the first paint.
  const fontReady = await kiosk.execute(
    'return ["400", "700"].every((w) => document.fonts.check(w + " 1em \'Be Vietnam Pro\'", "Lấy số thứ tự"))',
  );
  assert.equal(fontReady, true, 'the Vietnamese font is loaded when the home screen shows');
  await shot('home-vi');
  await kiosk.click('[data-testid="lang-en"]');
  assert.match(await kiosk.text('[data-testid="action-take-number"]'), /Take a number/);
  await kiosk.click('[data-testid="lang-vi"]');
  assert.match(await kiosk.text('[data-testid="action-take-number"]'), /Lấy số thứ tự/);
});

test('a visitor taps through to a ticket and its number is the one the central recorded', async () => {
  await toHome();
  const before = await ticketsToday();
  await kiosk.click('[data-testid="action-take-number"]');
  // Browse by field: Hộ tịch (civil status), then birth registration.
  const fields = await kiosk.findAll('[data-testid^="field-"]');
  let civilStatus;
  for (const id of fields) {
    if ((await kiosk.call('GET', `/element/${id}/text`)).includes('Hộ tịch')) civilStatus = id;
  }
  assert.ok(civilStatus, 'the field Hộ tịch is offered');
  await shot('choose-field');
  await kiosk.clickElement(civilStatus);
  await kiosk.click('[data-testid="service-1.001193"]');
  await kiosk.click('[data-testid="confirm-take-number"]');
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  await shot('ticket');
  assert.match(number, /^A-\d{3}$/);

  const today = await ticketsToday();
  assert.equal(today.length, before.length + 1, 'exactly one ticket was issued for one tap');
  const recorded = today.find((t) => !before.some((b) => b.id === t.id));
  assert.equal(recorded.number, number);
  assert.equal(recorded.service, '1.001193');
  assert.equal(recorded.state, 'waiting');

  const qrText = await kiosk.attribute('[data-testid="ticket-qr"]', 'data-qr-text');
  assert.equal(qrText, `${world.central.url}/t/${recorded.id}`, 'the QR code holds the track URL');
  const waitingAhead = before.filter((t) => t.state === 'waiting' && t.service_group === recorded.service_group);
  const ahead = await kiosk.text('[data-testid="ticket-people-ahead"]');
  assert.match(ahead, new RegExp(`\\b${waitingAhead.length}\\b`), ahead);

  await kiosk.click('[data-testid="ticket-done"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

test('a search typed on the on-screen keyboard finds the procedure', async () => {
  await toHome();
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="service-search"]');
  for (const key of 'ket hon') {
    await kiosk.click(key === ' ' ? '[data-testid="key-space"]' : `[data-testid="key-${key}"]`);
  }
  await kiosk.waitFor('[data-testid="service-1.000894"]');
  await shot('search');
  await kiosk.click('[data-testid="home"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

test('when the central goes away the kiosk says so, and recovers by itself', async () => {
  await toHome();
  const address = new URL(world.central.url).host;
  await stop(world.central.child);
  await kiosk.waitFor('[data-testid="offline-banner"]', 20000);
  await shot('offline');
  await kiosk.click('[data-testid="action-take-number"]');
  // The catalogue is kept from before, so the visitor can still browse.
  await kiosk.waitFor('[data-testid^="field-"]');
  await kiosk.click('[data-testid="home"]');
  world.central = await startCentral(world.db, address);
  await kiosk.waitGone('[data-testid="offline-banner"]', 20000);
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid^="field-"]');
  await kiosk.click('[data-testid^="service-"]');
  await kiosk.click('[data-testid="confirm-take-number"]');
  assert.match(await kiosk.text('[data-testid="ticket-number"]'), /^[A-E]-\d{3}$/);
  await kiosk.click('[data-testid="ticket-done"]');
});

// End to end: the kiosk lives on the central's clock, not the machine's. The central's
// clock starts on a morning the machine's clock does not show (and the kiosk runs in
// another time zone): the header, the booking days and the booking follow the central.
// Then, against a central whose clock is in the evening, no screen offers a number.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { startWorld, startDriver, stopWorld, api, outputDir, sleep } from './harness.mjs';

const OFFICE = 'hn-ba-dinh';
const MORNING = '2026-12-02T09:00:00+07:00';
const EVENING = '2026-12-02T18:00:00+07:00';
/** The demo office's hours (crates/central/src/demo.rs), put back after `startWorld` opened
 *  it day and night. */
const DEMO_HOURS = {
  opening_hours: [
    { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '12:00' },
    { weekdays: [1, 2, 3, 4, 5], opens: '13:30', closes: '17:00' },
  ],
  closed_days: [],
};

// The kiosk (started by tauri-driver, which inherits this environment) runs in a zone
// far from the office's: any office time read from the machine would show.
process.env.TZ = 'America/New_York';

let world;
let driver;
let kiosk;

async function startKiosk(clockStart) {
  world = await startWorld({ clockStart });
  ({ driver, session: kiosk } = await startDriver(world.profile));
}

async function stopKiosk() {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
  kiosk = driver = world = undefined;
}

after(stopKiosk);

/** Waits until `check()` is true, polling; fails with `what` after `timeoutMs`. */
async function until(what, check, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not after ${timeoutMs} ms`);
}

async function shot(name) {
  const png = await kiosk.screenshot();
  writeFileSync(join(outputDir, `${name}.png`), png);
  return png;
}

/** Saves the header alone, cut from a screenshot of the window. */
async function headerShot(name) {
  const whole = PNG.sync.read(await kiosk.screenshot());
  const box = await kiosk.execute(
    'const r = document.querySelector("header").getBoundingClientRect(); const s = window.devicePixelRatio;' +
      'return [r.x * s, r.y * s, r.width * s, r.height * s].map(Math.round);',
  );
  const [x, y, width, height] = box;
  const header = new PNG({ width: Math.min(width, whole.width - x), height: Math.min(height, whole.height - y) });
  PNG.bitblt(whole, header, x, y, header.width, header.height, 0, 0);
  writeFileSync(join(outputDir, `${name}.png`), PNG.sync.write(header));
}

/** Every element on screen that would lead to a queue number. */
async function numberOffers() {
  const offers = [];
  for (const testid of [
    'action-take-number',
    'documents-take-number',
    'online-take-number',
    'card-take-number',
    'take-normal-number',
    'confirm-take-number',
  ]) {
    for (const id of await kiosk.findAll(`[data-testid="${testid}"]`)) {
      if (await kiosk.call('GET', `/element/${id}/displayed`).catch(() => false)) offers.push(testid);
    }
  }
  return offers;
}

test("the header, the booking days and a booking follow the central's morning, not the machine's clock", async () => {
  const machineDay = new Date().toISOString().slice(0, 10);
  assert.notEqual(machineDay, '2026-12-02', "the machine's clock must show another day for this test to mean anything");
  await startKiosk(MORNING);
  const kioskToken = readFileSync(join(world.dir, 'kiosk.token'), 'utf8').trim();

  await kiosk.waitFor('[data-testid="action-take-number"]');
  assert.match(await kiosk.text('[data-testid="clock-date"]'), /Thứ Tư, 02\/12\/2026/);
  // The central's clock started at 09:00 a few seconds ago and runs on.
  assert.match(await kiosk.text('[data-testid="clock"]'), /^09:0\d$/);

  // The booking screen offers that day's remaining times first.
  const catalogue = await api(world.central.url, kioskToken, `/offices/${OFFICE}/catalogue`);
  const procedure = catalogue.body.procedures[0];
  await kiosk.click('[data-testid="action-appointment"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click(`[data-testid="service-${procedure.code}"]`);
  await kiosk.waitFor('[data-testid^="time-"]');
  const dayIds = await kiosk.findAll('[data-testid^="day-"]');
  const days = [];
  for (const id of dayIds) days.push(await kiosk.call('GET', `/element/${id}/attribute/data-testid`));
  assert.equal(days[0], 'day-2026-12-02', `the first day offered is the central's today: ${days}`);
  const timeIds = await kiosk.findAll('[data-testid^="time-"]');
  const times = [];
  for (const id of timeIds) times.push((await kiosk.call('GET', `/element/${id}/attribute/data-testid`)).slice(5));
  assert.ok(times.length > 0, 'times are offered on the central\'s today');
  assert.ok(times.every((time) => time >= '09:00'), `only the remaining times of the morning: ${times}`);
  const expected = await api(
    world.central.url,
    kioskToken,
    `/offices/${OFFICE}/slots?service=${procedure.code}&date=2026-12-02`,
  );
  const free = expected.body.slots.filter((slot) => slot.remaining > 0).map((slot) => slot.start.slice(11, 16));
  assert.deepEqual(times, free, "the times are the central's free slots of that day");
  await shot('clock-booking-day');
  await headerShot('clock-header');

  const chosen = expected.body.slots.find((slot) => slot.start.slice(11, 16) === times[0]);
  await kiosk.click(`[data-testid="time-${times[0]}"]`);
  for (const digit of '0912345678') await kiosk.click(`[data-testid="digit-${digit}"]`);
  await kiosk.click('[data-testid="confirm-booking"]');
  assert.match((await kiosk.text('[data-testid="appointment-code"]')).trim(), /^[A-Z0-9]{6}$/);
  assert.match(await kiosk.text('[data-testid="appointment-when"]'), new RegExp(`${times[0]}, Thứ Tư, 02/12`));
  // The central holds it: that slot has one place fewer.
  const after = await api(
    world.central.url,
    kioskToken,
    `/offices/${OFFICE}/slots?service=${procedure.code}&date=2026-12-02`,
  );
  const same = after.body.slots.find((slot) => slot.start === chosen.start);
  assert.equal(same.remaining, chosen.remaining - 1);
  await shot('clock-booked');
  await stopKiosk();
});

test('in the evening of the central, no screen offers a number', async () => {
  await startKiosk(EVENING);
  const put = await api(world.central.url, world.adminToken, `/offices/${OFFICE}/calendar`, {
    method: 'PUT',
    body: JSON.stringify(DEMO_HOURS),
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));

  // The kiosk learns it at its next status check.
  await kiosk.waitFor('[data-testid="closed"]');
  assert.match(await kiosk.text('[data-testid="closed-opens-at"]'), /08:00, Thứ Năm, 03\/12/);
  assert.match(await kiosk.text('[data-testid="clock"]'), /^18:0\d$/);
  assert.deepEqual(await numberOffers(), [], 'home');
  await shot('clock-closed-home');
  await headerShot('clock-header-evening');

  const kioskToken = readFileSync(join(world.dir, 'kiosk.token'), 'utf8').trim();
  const catalogue = await api(world.central.url, kioskToken, `/offices/${OFFICE}/catalogue`);
  // The kiosk lists fields in the order they first appear in the catalogue.
  const fields = [...new Set(catalogue.body.procedures.map((p) => p.field.vi))];
  const fieldOf = (procedure) => `[data-testid="field-${fields.indexOf(procedure.field.vi)}"]`;

  // The documents check's verdict offers a time instead.
  const birth = catalogue.body.procedures.find((p) => p.code === '1.001193');
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click(fieldOf(birth));
  await kiosk.click('[data-testid="service-1.001193"]');
  if (birth.dossier.length > 1) await kiosk.click('[data-testid="case-0"]');
  await kiosk.click('[data-testid="documents-done"]');
  await kiosk.waitFor('[data-testid="documents-book"]');
  assert.deepEqual(await numberOffers(), [], 'documents verdict');
  assert.match(await kiosk.text('[data-testid="no-number"]'), /08:00 ngày 03\/12\/2026/);
  await shot('clock-closed-verdict');
  await kiosk.click('[data-testid="home"]');

  // The online hand-off of a procedure that cannot be done online.
  const offline = catalogue.body.procedures.find((p) => p.online_level === 'none');
  assert.ok(offline, 'the demo has a procedure that cannot be done online');
  await kiosk.click('[data-testid="action-apply-online"]');
  await kiosk.click(fieldOf(offline));
  await kiosk.click(`[data-testid="service-${offline.code}"]`);
  await kiosk.waitFor('[data-testid="online-book"]');
  assert.deepEqual(await numberOffers(), [], 'online hand-off');
  await shot('clock-closed-online');
  await kiosk.click('[data-testid="home"]');

  // A booking for tomorrow, scanned tonight: too early, and no normal number instead.
  const tomorrow = await api(world.central.url, kioskToken, `/offices/${OFFICE}/slots?service=1.001193&date=2026-12-03`);
  const slot = tomorrow.body.slots.find((s) => s.remaining > 0);
  const booked = await api(world.central.url, kioskToken, `/offices/${OFFICE}/appointments`, {
    method: 'POST',
    body: JSON.stringify({ service: '1.001193', slot_start: slot.start, contact: { phone: '0912000111' } }),
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  await kiosk.scan(booked.body.code);
  assert.equal(await kiosk.attribute('[data-testid="error"]', 'data-kind'), 'outside_window');
  assert.doesNotMatch(await kiosk.text('[data-testid="error-message"]'), /số thường/);
  assert.deepEqual(await numberOffers(), [], 'check-in too early');
  await shot('clock-closed-early');
  await kiosk.click('[data-testid="home"]');

  // An ID card with no bookings today.
  await kiosk.scan('001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021');
  await kiosk.waitFor('[data-testid="card-no-bookings"]');
  assert.deepEqual(await numberOffers(), [], 'ID card without bookings');
  await kiosk.click('[data-testid="home"]');
  await until('home again', async () => (await kiosk.findAll('[data-testid="closed"]')).length > 0);
});

// End to end: the lobby fills up, so the kiosk offers a time instead of a number; the
// visitor books it on the keypad and later checks in, by typing the code and by holding
// it to the barcode scanner (which types like a keyboard).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startWorld, startDriver, stopWorld, api, outputDir, nextWorkingMorning } from './harness.mjs';

const OFFICE = 'hn-ba-dinh';
let world;
let driver;
let kiosk;
let kioskToken;

before(async () => {
  // A working morning on the central's clock, so the next slot's check-in is open now.
  world = await startWorld({ clockStart: nextWorkingMorning() });
  kioskToken = readFileSync(join(world.dir, 'kiosk.token'), 'utf8').trim();
  ({ driver, session: kiosk } = await startDriver(world.profile));
});

after(async () => {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

async function shot(name) {
  writeFileSync(join(outputDir, `${name}.png`), await kiosk.screenshot());
}

function post(path, body) {
  return api(world.central.url, kioskToken, path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'idempotency-key': randomUUID() },
  });
}

/** A procedure of the office, as the catalogue lists it. */
async function firstProcedure() {
  const catalogue = await api(world.central.url, kioskToken, `/offices/${OFFICE}/catalogue`);
  return catalogue.body.procedures[0];
}

/** Takes numbers through the API until the lobby is full; returns the slots offered then. */
async function fillTheLobby(service) {
  for (let i = 0; i < 500; i++) {
    const answer = await post(`/offices/${OFFICE}/tickets`, { service, priority: 'none' });
    if (answer.status === 409) {
      assert.equal(answer.body.error, 'lobby_full');
      return answer.body.next_slots;
    }
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  }
  throw new Error('the lobby never filled');
}

/** Books `slot` through the API; returns the booking. */
async function book(service, slot, contact) {
  const booked = await post(`/offices/${OFFICE}/appointments`, { service, slot_start: slot.start, contact });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  return booked.body;
}

/** A free slot on a later working day than `slot`. */
async function slotOnALaterDay(service, slot) {
  const day = new Date(`${slot.start.slice(0, 10)}T12:00:00Z`);
  for (let i = 1; i <= 10; i++) {
    const date = new Date(day.getTime() + i * 86400000).toISOString().slice(0, 10);
    const list = await api(world.central.url, kioskToken, `/offices/${OFFICE}/slots?service=${service}&date=${date}`);
    const free = list.body.slots?.find((s) => s.remaining > 0);
    if (free) return free;
  }
  throw new Error('no free slot in the next days');
}

async function appointmentTicketsOnCentral() {
  const list = await api(world.central.url, world.adminToken, `/offices/${OFFICE}/tickets`);
  assert.equal(list.status, 200);
  return list.body.filter((t) => t.priority === 'appointment');
}

let procedure;
let nextSlots;

test('a full lobby turns "take a number" into an offer of times; the visitor books one', async () => {
  procedure = await firstProcedure();
  nextSlots = await fillTheLobby(procedure.code);
  assert.ok(nextSlots.length > 0, 'the central offers slots when the lobby is full');

  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click(`[data-testid="service-${procedure.code}"]`);
  await kiosk.click('[data-testid="confirm-take-number"]');
  assert.equal(await kiosk.attribute('[data-testid="error"]', 'data-kind'), 'lobby_full');
  await shot('appointments-lobby-full');
  await kiosk.click('[data-testid="next-slot-0"]');

  for (const digit of '0212345678') await kiosk.click(`[data-testid="digit-${digit}"]`);
  assert.match(await kiosk.text('[data-testid="phone-problem"]'), /03, 05, 07, 08/);
  for (let i = 0; i < 9; i++) await kiosk.click('[data-testid="digit-backspace"]');
  for (const digit of '912345678') await kiosk.click(`[data-testid="digit-${digit}"]`);
  await shot('appointments-phone');
  await kiosk.click('[data-testid="confirm-booking"]');
  const code = (await kiosk.text('[data-testid="appointment-code"]')).trim();
  assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  assert.equal(await kiosk.attribute('[data-testid="appointment-qr"]', 'data-qr-text'), code);
  await shot('appointments-booked');
  await kiosk.click('[data-testid="appointment-done"]');

  // Check in by typing the code on the on-screen keyboard.
  await kiosk.click('[data-testid="action-appointment"]');
  await kiosk.click('[data-testid="have-booking"]');
  for (const key of code) await kiosk.click(`[data-testid="key-${key}"]`);
  await kiosk.click('[data-testid="confirm-check-in"]');
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  const checkedIn = await appointmentTicketsOnCentral();
  assert.deepEqual(
    checkedIn.map((t) => t.number),
    [number],
    'the number on screen is the appointment ticket the central issued',
  );
  await kiosk.click('[data-testid="ticket-done"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

test('a booking code held to the scanner checks in from the home screen', async () => {
  const { code } = await book(procedure.code, nextSlots[0], { phone: '0987654321' });
  await kiosk.waitFor('[data-testid="action-take-number"]');
  await kiosk.scan(code.toLowerCase());
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  const checkedIn = await appointmentTicketsOnCentral();
  assert.equal(checkedIn.length, 2);
  assert.ok(checkedIn.some((t) => t.number === number), `${number} is an appointment ticket`);
  await kiosk.click('[data-testid="ticket-done"]');
});

test('a scan the kiosk cannot use gets a message and loses nothing', async () => {
  await kiosk.click('[data-testid="action-appointment"]');
  await kiosk.click('[data-testid="have-booking"]');
  await kiosk.scan('https://example.org/not-a-booking');
  assert.match(await kiosk.text('[data-testid="notice"]'), /không đọc được mã này/i);
  assert.equal(await kiosk.attribute('main', 'data-screen'), 'check-in');
  await kiosk.click('[data-testid="notice-close"]');
  await kiosk.click('[data-testid="home"]');
});

test('too early for a booking: the window is shown and a normal number offered', async () => {
  const later = await slotOnALaterDay(procedure.code, nextSlots[0]);
  const booking = await book(procedure.code, later, { phone: '0912000111' });
  await kiosk.scan(booking.code);
  assert.equal(await kiosk.attribute('[data-testid="error"]', 'data-kind'), 'outside_window');
  const message = await kiosk.text('[data-testid="error-message"]');
  // The window as the visitor reads it: local HH:MM from the booking's check-in window.
  assert.ok(message.includes(booking.check_in.opens_at.slice(11, 16)), message);
  assert.ok(message.includes(booking.check_in.closes_at.slice(11, 16)), message);
  await shot('appointments-early');
  await kiosk.click('[data-testid="take-normal-number"]');
  await kiosk.waitFor('[data-testid="field-0"]');
  await kiosk.click('[data-testid="home"]');
});

test("a chip ID card at the scanner finds today's booking under its name and checks it in", async () => {
  const booking = await book(procedure.code, nextSlots[0], { phone: '0912345001', name: 'Nguyễn Văn An' });
  await kiosk.waitFor('[data-testid="action-take-number"]');
  // As the card's QR reads: id|old id|NAME IN CAPITALS|birth|gender|address|issued.
  await kiosk.scan('001090123456||NGUYỄN VĂN AN|01011990|Nam|Phường Ba Đình, Hà Nội|15042021');
  assert.match(await kiosk.text(`[data-testid="card-booking-${booking.code}"]`), /••• 001/);
  // The heading that has just taken the focus is read from the page: WebKit's WebDriver
  // can call it not displayed for a while after the screen changes under it.
  const greeting = await kiosk.execute(
    'return document.querySelector(\'[data-testid="card-greeting"]\').textContent',
  );
  assert.match(greeting, /NGUYỄN VĂN AN/);
  const page = await kiosk.execute('return document.body.innerText');
  assert.ok(!page.includes('001090123456'), 'the ID number is not shown');
  await shot('appointments-card');
  await kiosk.click(`[data-testid="card-check-in-${booking.code}"]`);
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  assert.ok((await appointmentTicketsOnCentral()).some((t) => t.number === number));
  await kiosk.click('[data-testid="ticket-done"]');
});

test('out of hours the kiosk says when the centre opens, and still books', async () => {
  const closedNow = {
    // Open one minute on weekday mornings: closed now (unless it is that minute), next opening 07:30.
    opening_hours: [{ weekdays: [1, 2, 3, 4, 5], opens: '07:30', closes: '07:31' }],
    closed_days: [],
  };
  const put = (calendar) =>
    api(world.central.url, world.adminToken, `/offices/${OFFICE}/calendar`, {
      method: 'PUT',
      body: JSON.stringify(calendar),
    });
  const status = await api(world.central.url, kioskToken, `/offices/${OFFICE}/status`);
  const localTime = status.body.now.slice(11, 16);
  if (localTime === '07:30') return; // the one minute the test calendar is open
  assert.equal((await put(closedNow)).status, 200);
  try {
    const opens = await kiosk.text('[data-testid="closed-opens-at"]');
    assert.match(opens, /07:30/);
    assert.equal((await kiosk.findAll('[data-testid="action-take-number"]')).length, 0);
    await shot('appointments-closed');
    await kiosk.click('[data-testid="action-appointment"]');
    await kiosk.waitFor('[data-testid="field-0"]');
    await kiosk.click('[data-testid="home"]');
  } finally {
    assert.equal(
      (
        await put({
          opening_hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' }],
          closed_days: [],
        })
      ).status,
      200,
    );
  }
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

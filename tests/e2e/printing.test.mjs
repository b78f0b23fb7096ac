// End to end: tickets on the virtual thermal printer. A number is printed (the PNG the
// printer saved holds the ticket's track URL as a QR code); out of paper, no number is
// issued until the visitor chooses the on-screen ticket.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startWorld, startDriver, stopWorld, api, outputDir, sleep } from './harness.mjs';

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

/** The ticket images the virtual printer saved, oldest first. */
function printedTickets() {
  const out = world.printer.out;
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((name) => /^ticket-\d+\.png$/.test(name))
    .sort()
    .map((name) => join(out, name));
}

async function waitForPrinted(count, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  while (printedTickets().length < count && Date.now() < until) await sleep(100);
  return printedTickets();
}

async function ticketsOnCentral() {
  const today = await api(world.central.url, world.adminToken, '/offices/hn-ba-dinh/tickets');
  assert.equal(today.status, 200);
  return today.body;
}

/** What the printer said it could not print: a job sent while it was out of paper. */
const notPrinted = () => (world.printer.said().match(/a ticket was sent and nothing printed/g) ?? []).length;

/** Takes a number for the first service of the first field, from the home screen. */
async function confirmANumber() {
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid^="field-"]');
  await kiosk.click('[data-testid^="service-"]');
  await kiosk.click('[data-testid="confirm-take-number"]');
}

test('a number taken is printed: 80 mm wide, its QR code the track URL', async () => {
  await kiosk.waitFor('[data-testid="action-take-number"]');
  const before = printedTickets().length;
  await confirmANumber();
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  assert.match(await kiosk.text('[data-testid="ticket-printed"]'), /Vé đã in, mời bạn lấy vé/);
  writeFileSync(join(outputDir, 'printing-ticket.png'), await kiosk.screenshot());

  const tickets = await ticketsOnCentral();
  const recorded = tickets.find((t) => t.number === number);
  assert.ok(recorded, `the central lists ${number}`);

  const printed = await waitForPrinted(before + 1);
  assert.equal(printed.length, before + 1, 'one ticket printed');
  const image = PNG.sync.read(readFileSync(printed.at(-1)));
  assert.equal(image.width, 576, '80 mm paper is 576 dots wide');
  const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  const trackUrl = await kiosk.attribute('[data-testid="ticket-qr"]', 'data-qr-text');
  assert.equal(trackUrl, `${world.central.url}/t/${recorded.id}`);
  assert.equal(qr?.data, trackUrl, 'the printed QR code holds the track URL');

  await kiosk.click('[data-testid="ticket-done"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

test('out of paper: no number is issued until the visitor takes one on screen', async () => {
  await kiosk.waitFor('[data-testid="action-take-number"]');
  const printedBefore = printedTickets().length;
  const refusedBefore = notPrinted();
  const issuedBefore = (await ticketsOnCentral()).length;
  writeFileSync(join(world.printer.out, 'out-of-paper'), '');
  try {
    await confirmANumber();
    assert.match(await kiosk.text('[data-testid="error-message"]'), /hết giấy/);
    assert.match(await kiosk.text('[data-testid="ticket-on-screen"]'), /Nhận số trên màn hình/);
    writeFileSync(join(outputDir, 'printing-out-of-paper.png'), await kiosk.screenshot());
    assert.equal((await ticketsOnCentral()).length, issuedBefore, 'no number was issued');

    // Staff load paper while the visitor reads: the number they choose on screen must
    // still not come out of the printer.
    rmSync(join(world.printer.out, 'out-of-paper'), { force: true });
    await kiosk.click('[data-testid="ticket-on-screen"]');
    const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
    assert.match(number, /^[A-E]-\d{3}$/);
    await kiosk.waitFor('[data-testid="ticket-qr"]');
    const tickets = await ticketsOnCentral();
    assert.equal(tickets.length, issuedBefore + 1, 'one number was issued, on screen');
    assert.ok(tickets.some((t) => t.number === number));
    assert.equal((await kiosk.findAll('[data-testid="ticket-printed"]')).length, 0);
    await kiosk.click('[data-testid="ticket-done"]');
    await kiosk.waitFor('[data-testid="action-take-number"]');
  } finally {
    rmSync(join(world.printer.out, 'out-of-paper'), { force: true });
  }

  // Nothing was sent to the printer for the on-screen ticket. The next number is printed:
  // once its ticket is out, whatever was sent before it has been handled, and the printer
  // got no job it could not print, nor any other ticket.
  await confirmANumber();
  const next = await kiosk.attribute('[data-testid="ticket-qr"]', 'data-qr-text');
  const printed = await waitForPrinted(printedBefore + 1);
  assert.equal(printed.length, printedBefore + 1, 'only the number taken with paper was printed');
  const image = PNG.sync.read(readFileSync(printed.at(-1)));
  const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  assert.equal(qr?.data, next, 'the ticket printed is the number taken with paper');
  assert.equal(notPrinted(), refusedBefore, 'no job reached the printer while it was out of paper');
  await kiosk.click('[data-testid="ticket-done"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

// End to end: quick numbers. The real kiosk against a real central whose history this test
// makes (numbers taken on past days, through the API, with the central's clock started on
// those days): the take-a-number screen offers the five procedures taken most over the last
// four weeks, and each is three taps from home to a ticket on screen, with a printer (the
// virtual one) and without. The demo's own history puts the five commonest ward
// procedures there too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  api,
  createToken,
  openAllHours,
  outputDir,
  startCentral,
  startDriver,
  startPrinter,
  startWorld,
  stop,
  stopKiosks,
  stopWorld,
  waitUntil,
} from './harness.mjs';

/** The demo office without a history of its own: the test's history is all there is. */
const OFFICE = 'hn-hoan-kiem';

/** The history this test makes: numbers per procedure, and how many days ago. The five
 *  inside the last four weeks, most taken first; a sixth, older, that must not count. */
const HISTORY = [
  { code: '1.004194', count: 6, daysAgo: 9 }, // temporary residence
  { code: '1.000656', count: 5, daysAgo: 3 }, // death registration
  { code: '2.000635', count: 4, daysAgo: 9 }, // copy of a civil-status extract
  { code: '1.004873', count: 3, daysAgo: 3 }, // marital status certificate
  { code: '1.001612', count: 2, daysAgo: 3 }, // household business
];
const TOO_OLD = { code: '1.010038', count: 8, daysAgo: 40 }; // household split
const COMMONEST = HISTORY.map((h) => h.code);

/** The demo's five commonest ward procedures (crates/central/src/demo.rs, COMMONEST). */
const DEMO_COMMONEST = ['1.001193', '2.000815', '2.000884', '1.000894', '1.004222'];

const MAX_TAPS = 3;

let dir;
let db;
let central;
let printer;
let adminToken;
let kioskToken;

/** 09:05 in Hanoi `daysAgo` days before now, as the central's clock takes it. */
function hanoiMorning(daysAgo) {
  const hanoi = new Date(Date.now() + 7 * 3600 * 1000 - daysAgo * 86400 * 1000);
  return `${hanoi.toISOString().slice(0, 10)}T09:05:00+07:00`;
}

/** Issues the history's numbers of `daysAgo` with the central's clock on that morning. */
async function takeNumbersOn(daysAgo, entries) {
  const past = await startCentral(db, '127.0.0.1:0', { clockStart: hanoiMorning(daysAgo) });
  try {
    for (const { code, count } of entries) {
      for (let i = 0; i < count; i++) {
        const answer = await api(past.url, kioskToken, `/offices/${OFFICE}/tickets`, {
          method: 'POST',
          headers: { 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({ service: code, priority: 'none' }),
        });
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
      }
    }
  } finally {
    await stop(past.child);
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-quick-'));
  mkdirSync(outputDir, { recursive: true });
  db = `sqlite://${join(dir, 'central.db')}`;
  // The first start seeds the demo; the office then stays open at every hour it is asked.
  const first = await startCentral(db, '127.0.0.1:0', { clockStart: hanoiMorning(TOO_OLD.daysAgo) });
  adminToken = createToken(db, '--role', 'admin');
  kioskToken = createToken(db, '--role', 'kiosk', '--office', OFFICE);
  await openAllHours(first.url, adminToken, OFFICE);
  await stop(first.child);
  await takeNumbersOn(TOO_OLD.daysAgo, [TOO_OLD]);
  for (const daysAgo of new Set(HISTORY.map((h) => h.daysAgo))) {
    await takeNumbersOn(daysAgo, HISTORY.filter((h) => h.daysAgo === daysAgo));
  }
  // Today, on the machine's clock.
  central = await startCentral(db);
  printer = await startPrinter(join(dir, 'printer'));
});

after(async () => {
  await stop(central?.child);
  await stop(printer?.child);
});

/** A kiosk profile of the office in a folder of its own, with the virtual printer or none. */
function kioskProfile(name, withPrinter) {
  const home = join(dir, name);
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'kiosk.token'), kioskToken + '\n', { mode: 0o600 });
  const profile = join(home, 'kiosk.toml');
  writeFileSync(
    profile,
    [
      `central_url = "${central.url}"`,
      `office = "${OFFICE}"`,
      'token_file = "kiosk.token"',
      'default_language = "vi"',
      'cache_dir = "kiosk-cache"',
      '',
      ...(withPrinter
        ? ['[printer]', 'transport = "tcp"', `address = "${printer.address}"`, 'paper_width_mm = 80', '']
        : []),
    ].join('\n'),
  );
  return profile;
}

/** Runs `body` with a kiosk window of `profile`, closed afterwards whatever happens. */
async function withKiosk(profile, body) {
  const { driver, session } = await startDriver(profile);
  try {
    await body(session);
  } finally {
    await session.quit().catch(() => undefined);
    driver.kill();
    await stopKiosks(profile);
  }
}

/** The quick numbers the take-a-number screen offers, in order (it must be shown). */
async function quickCodes(kiosk) {
  await kiosk.waitFor('[data-testid="quick-numbers"]');
  return kiosk.execute(
    "return [...document.querySelectorAll('button[data-testid^=\"quick-\"]')].map((b) => b.dataset.testid.slice(6))",
  );
}

/** The tickets the virtual printer saved so far. */
function printedCount() {
  const out = printer.out;
  return existsSync(out) ? readdirSync(out).filter((n) => /^ticket-\d+\.png$/.test(n)).length : 0;
}

/** From home to a ticket on screen for procedure `code` through its quick number; counts
 *  every tap (click) on the way and returns the count and the number shown. */
async function takeQuickNumber(kiosk, code) {
  let taps = 0;
  const tap = async (css) => {
    taps += 1;
    await kiosk.click(css);
  };
  await kiosk.waitFor('[data-testid="action-take-number"]');
  await tap('[data-testid="action-take-number"]');
  await tap(`[data-testid="quick-${code}"]`);
  await tap('[data-testid="confirm-take-number"]');
  const number = (await kiosk.text('[data-testid="ticket-number"]')).trim();
  return { taps, number };
}

/** Back home from the ticket screen (not a step towards a number). */
async function done(kiosk) {
  await kiosk.click('[data-testid="ticket-done"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
}

test('the central counts the test history: its five in order, the older numbers left out', async () => {
  const answer = await api(central.url, kioskToken, `/offices/${OFFICE}/most-taken?days=28&limit=10`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(
    answer.body.procedures.map((p) => [p.code, p.tickets]),
    HISTORY.map((h) => [h.code, h.count]),
  );
});

test('with a printer: each of the five commonest is three taps from home to a printed ticket', async () => {
  await withKiosk(kioskProfile('with-printer', true), async (kiosk) => {
    await kiosk.click('[data-testid="action-take-number"]');
    assert.deepEqual((await quickCodes(kiosk)).slice(0, 5), COMMONEST);
    assert.ok(!(await quickCodes(kiosk)).includes(TOO_OLD.code), 'numbers older than four weeks do not count');
    writeFileSync(join(outputDir, 'quick-numbers.png'), await kiosk.screenshot());
    await kiosk.click('[data-testid="home"]');

    for (const code of COMMONEST) {
      const before = printedCount();
      const { taps, number } = await takeQuickNumber(kiosk, code);
      assert.ok(taps <= MAX_TAPS, `${code}: ${taps} taps`);
      assert.match(number, /^[A-E]-\d{3}$/);
      assert.match(await kiosk.text('[data-testid="ticket-printed"]'), /Vé đã in/);
      await waitUntil(`the ticket for ${code} printed`, () => printedCount() === before + 1);
      const today = await api(central.url, adminToken, `/offices/${OFFICE}/tickets`);
      const ticket = today.body.find((t) => t.number === number);
      assert.equal(ticket?.service, code, `${number} is a number for ${code}`);
      await done(kiosk);
    }
  });
});

test('without a printer: each of the five commonest is three taps from home to a ticket on screen', async () => {
  await withKiosk(kioskProfile('without-printer', false), async (kiosk) => {
    for (const code of COMMONEST) {
      const printedBefore = printedCount();
      const { taps, number } = await takeQuickNumber(kiosk, code);
      assert.ok(taps <= MAX_TAPS, `${code}: ${taps} taps`);
      assert.match(number, /^[A-E]-\d{3}$/);
      await kiosk.waitFor('[data-testid="ticket-qr"]');
      assert.equal((await kiosk.findAll('[data-testid="ticket-printed"]')).length, 0);
      assert.equal(printedCount(), printedBefore, 'nothing was printed');
      const today = await api(central.url, adminToken, `/offices/${OFFICE}/tickets`);
      assert.equal(today.body.find((t) => t.number === number)?.service, code);
      await done(kiosk);
    }
  });
});

test('the demo: its five commonest ward procedures are three taps from home each', async () => {
  const world = await startWorld();
  try {
    await withKiosk(world.profile, async (kiosk) => {
      await kiosk.waitFor('[data-testid="action-take-number"]');
      await kiosk.click('[data-testid="action-take-number"]');
      assert.deepEqual((await quickCodes(kiosk)).slice(0, 5), DEMO_COMMONEST);
      assert.match(await kiosk.text('[data-testid="quick-numbers"] h2'), /Thủ tục hay làm/);
      writeFileSync(join(outputDir, 'quick-numbers-demo.png'), await kiosk.screenshot());
      await kiosk.click('[data-testid="home"]');
      for (const code of DEMO_COMMONEST) {
        const { taps } = await takeQuickNumber(kiosk, code);
        assert.ok(taps <= MAX_TAPS, `${code}: ${taps} taps`);
        await done(kiosk);
      }
    });
  } finally {
    await stopWorld(world);
  }
});

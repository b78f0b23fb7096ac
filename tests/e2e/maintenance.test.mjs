// End to end: the staff maintenance screen. Five taps on the office name ask for the PIN;
// a wrong PIN is refused, the right one shows the profile; the connection test reaches the
// central, the test page comes out of the virtual printer, Close locks it again on the
// kiosk's side, and Restart starts a new kiosk.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startWorld, startDriver, stopWorld, hashPin, outputDir, sleep, waitUntil } from './harness.mjs';

const PIN = '246810';

let world;
let driver;
let kiosk;

before(async () => {
  // Under systemd the kiosk leaves restarting to its unit; here it restarts itself.
  delete process.env.INVOCATION_ID;
  world = await startWorld({ maintenancePinHash: hashPin(PIN) });
  ({ driver, session: kiosk } = await startDriver(world.profile));
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

after(async () => {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** The pages the virtual printer saved, oldest first. */
function printedPages() {
  const out = world.printer.out;
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((name) => /^ticket-\d+\.png$/.test(name))
    .sort()
    .map((name) => join(out, name));
}

/** Five taps on the office name in the header, as quick as a finger. */
async function hiddenGesture() {
  const office = await kiosk.waitFor('[data-testid="office"]');
  for (let i = 0; i < 5; i++) await kiosk.call('POST', `/element/${office}/click`, {});
}

/** Process ids of the kiosks running with this world's profile. */
function kioskPids() {
  const found = spawnSync('pgrep', ['-f', '--', world.profile], { encoding: 'utf8' });
  return found.stdout.split('\n').filter(Boolean);
}

/** Back to the home screen from wherever the test before left the kiosk. */
async function home() {
  for (const id of await kiosk.findAll('[data-testid="maintenance-close"]')) {
    if (await kiosk.call('GET', `/element/${id}/displayed`).catch(() => false)) {
      await kiosk.call('POST', `/element/${id}/click`, {});
    }
  }
  await kiosk.waitFor('[data-testid="action-take-number"]');
}

/** From home: the gesture, the right PIN, and the maintenance screen open. */
async function openMaintenance() {
  await home();
  await hiddenGesture();
  await typePin(PIN);
  await kiosk.waitFor('[data-testid="maintenance"]');
}

async function typePin(pin) {
  for (const digit of pin) await kiosk.click(`[data-testid="digit-${digit}"]`);
  await kiosk.click('[data-testid="pin-unlock"]');
}

/** What the kiosk's Rust side answers to a maintenance command called straight from the page. */
function callDirectly(command) {
  return kiosk.execute(`
    return window.__TAURI_INTERNALS__.invoke('${command}', {}).then(
      () => 'allowed',
      (e) => 'refused: ' + (e && e.kind),
    );
  `);
}

test('the hidden gesture asks for the PIN, and a wrong PIN is refused', async () => {
  await home();
  assert.equal(await callDirectly('maintenance_recent_logs'), 'refused: not_unlocked');

  await hiddenGesture();
  await kiosk.waitFor('[data-testid="pin-dots"]');
  await typePin('111111');
  assert.equal(
    (await kiosk.text('[data-testid="pin-error"]')).trim(),
    'Sai mã PIN. Còn 4 lần thử trước khi bị khóa.',
  );
  writeFileSync(join(outputDir, 'maintenance-pin.png'), await kiosk.screenshot());
  assert.equal((await kiosk.findAll('[data-testid="maintenance"]')).length, 0);
  await kiosk.click('[data-testid="maintenance-close"]');
});

test('the right PIN shows the profile; the connection test and the test page work', async () => {
  // A wrong PIN first, for the log below.
  await home();
  await hiddenGesture();
  await typePin('111111');
  await kiosk.waitFor('[data-testid="pin-error"]');
  await typePin(PIN);
  await kiosk.waitFor('[data-testid="maintenance"]');
  assert.equal((await kiosk.text('[data-testid="info-profile"]')).trim(), world.profile);
  assert.match(await kiosk.text('[data-testid="info-printer"]'), /^tcp 127\.0\.0\.1:\d+ · khổ 80 mm/);
  assert.match(await kiosk.text('[data-testid="info-office"]'), /hn-ba-dinh/);

  await kiosk.click('[data-testid="maintenance-test-connection"]');
  const connection = await kiosk.text('[data-testid="connection-result"]');
  assert.match(connection, /Máy chủ trung tâm trả lời trong \d+ ms/);
  assert.match(connection, /Máy chủ nhận ra văn phòng: .*Ba Đình/);
  assert.match(connection, /Mã truy cập \(token\) của máy hợp lệ/);

  const before = printedPages().length;
  await kiosk.click('[data-testid="maintenance-print-test-page"]');
  assert.match(await kiosk.text('[data-testid="print-result"]'), /Đã in trang thử/);
  const pages = await waitUntil('the test page to come out', () => printedPages().length > before && printedPages(), {
    timeoutMs: 5000,
  });
  assert.equal(pages.length, before + 1, 'one test page printed');
  const image = PNG.sync.read(readFileSync(pages.at(-1)));
  assert.equal(image.width, 576, '80 mm paper is 576 dots wide');
  const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  assert.match(qr?.data ?? '', /^LOBBY-KIOSK TEST PAGE hn-ba-dinh \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

  // The log shows what happened, and never a PIN.
  const log = await waitUntil(
    'the maintenance screen to show the unlock and the wrong PIN in its log',
    async () => {
      const shown = await kiosk.text('[data-testid="maintenance-log"]');
      return /maintenance screen unlocked/.test(shown) && /wrong maintenance PIN/.test(shown) && shown;
    },
    { timeoutMs: 10000 },
  );
  assert.ok(!log.includes(PIN) && !log.includes('111111'), 'no PIN in the log');

  writeFileSync(join(outputDir, 'maintenance.png'), await kiosk.screenshot());
});

test('Close goes home and the kiosk refuses maintenance commands again', async () => {
  await openMaintenance();
  assert.equal(await callDirectly('maintenance_recent_logs'), 'allowed');
  await kiosk.click('[data-testid="maintenance-close"]');
  await kiosk.waitFor('[data-testid="action-take-number"]');
  assert.equal(await callDirectly('maintenance_recent_logs'), 'refused: not_unlocked');
  assert.equal(await callDirectly('maintenance_print_test_page'), 'refused: not_unlocked');
});

test('Restart ends this kiosk and starts a new one with the same profile', async () => {
  const before = kioskPids();
  assert.equal(before.length, 1, 'one kiosk runs');
  await openMaintenance();
  // The window goes away with its process, and WebDriver may never answer this click.
  await Promise.race([kiosk.click('[data-testid="maintenance-restart"]').catch(() => null), sleep(3000)]);
  let after = kioskPids();
  for (let i = 0; i < 100 && !(after.length === 1 && after[0] !== before[0]); i++) {
    await sleep(100);
    after = kioskPids();
  }
  assert.equal(after.length, 1, 'one kiosk runs again');
  assert.notEqual(after[0], before[0], 'a new process');
});

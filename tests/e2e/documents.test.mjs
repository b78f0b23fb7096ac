// End to end: finding a procedure on the on-screen keyboard, the documents
// check, the online hand-off's QR code (decoded from the screen's pixels), and
// search from the catalogue the kiosk kept on disk when the central is away.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startWorld, startDriver, stop, stopKiosks, stopWorld, api, outputDir, sleep, waitUntil } from './harness.mjs';

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

async function shot(name) {
  const png = await kiosk.screenshot();
  writeFileSync(join(outputDir, `${name}.png`), png);
  return png;
}

/** Presses the on-screen keys that type `text` (letters and spaces). */
async function typeOnScreen(text) {
  for (const key of text) {
    await kiosk.click(key === ' ' ? '[data-testid="key-space"]' : `[data-testid="key-${key}"]`);
  }
}

/** The text of every QR code found in a PNG screenshot. */
function decodeQr(png) {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return found?.data ?? null;
}

async function searchValue() {
  return kiosk.execute('return document.querySelector(\'[data-testid="service-search"]\').value');
}

async function procedureOf(code) {
  const catalogue = await api(world.central.url, world.adminToken, '/offices/hn-ba-dinh/catalogue');
  assert.equal(catalogue.status, 200);
  const procedure = catalogue.body.procedures.find((p) => p.code === code);
  assert.ok(procedure, `${code} is in the catalogue`);
  return procedure;
}

test('Telex on the on-screen keyboard shows Vietnamese as it is typed', async () => {
  await toHome();
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click('[data-testid="service-search"]');
  await typeOnScreen('khais');
  await waitForValue('khái');
  await kiosk.click('[data-testid="key-backspace"]');
  await waitForValue('khai');
  await kiosk.click('[data-testid="home"]');
  await kiosk.waitFor('[data-testid="action-check-documents"]');
});

async function waitForValue(expected, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await searchValue();
    if (value === expected) return;
    await sleep(100);
  }
  assert.equal(value, expected, 'the search box shows the composed text');
}

/** Back to the home screen from wherever the test before left the kiosk. */
async function toHome() {
  for (const id of await kiosk.findAll('[data-testid="home"]')) {
    if (await kiosk.call('GET', `/element/${id}/displayed`).catch(() => false)) {
      await kiosk.call('POST', `/element/${id}/click`, {});
    }
  }
  await kiosk.waitFor('[data-testid="action-check-documents"]');
}

/** From any screen: "khai sinh" on the keyboard of the documents check. */
async function birthRegistrationChecklist() {
  await toHome();
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click('[data-testid="service-search"]');
  await typeOnScreen('khai sinh');
  await waitForValue('khai sinh');
  await kiosk.waitFor('[data-testid="service-1.001193"]');
}

/** Takes screenshots until one holds a QR code, and returns its text. */
async function qrOnScreen(name, timeoutMs = 5000) {
  return waitUntil(`a QR code on the screen (${name})`, async () => decodeQr(await shot(name)), { timeoutMs });
}

test('khai sinh on the keyboard, all documents but one ticked: the missing one is named', async () => {
  const procedure = await procedureOf('1.001193');
  await birthRegistrationChecklist();
  // The first result is birth registration.
  const first = await kiosk.attribute('.procedures > .procedure', 'data-testid');
  assert.equal(first, 'service-1.001193', 'birth registration comes first');
  await kiosk.click('[data-testid="service-1.001193"]');

  // Several cases: the visitor picks "with a birth certificate from the hospital".
  await kiosk.click('[data-testid="case-0"]');
  const components = procedure.dossier[0].components;
  assert.ok(components.length >= 2);
  // A paper needed only in some situations is never missing: leave out the last one that
  // everyone needs.
  await kiosk.waitFor('[data-testid="component-0"]');
  const onlyIf = await kiosk.execute(
    `return [...document.querySelectorAll('[data-testid^="component-"]')]
       .filter((e) => /^component-\\d+$/.test(e.dataset.testid))
       .map((e) => e.getAttribute('data-only-if') === 'true');`,
  );
  assert.equal(onlyIf.length, components.length);
  const left = onlyIf.lastIndexOf(false);
  assert.ok(left >= 0, 'some paper is needed by everyone');
  for (let i = 0; i < components.length; i++) if (i !== left) await tick(i);
  await shot('documents-ticked');
  await kiosk.click('[data-testid="documents-done"]');
  const last = components[left].name.vi;
  assert.equal((await kiosk.text('[data-testid="missing"]')).trim(), last, 'the missing one is named');
  assert.match(await kiosk.text('[data-testid="verdict"]'), /Còn thiếu 1 giấy tờ/);
  assert.match(await kiosk.text('[data-testid="channel-direct"]'), /Trong ngày/);
  await shot('documents-missing');

  // The checklist QR is the central's public page of this case, and it opens without a token.
  const checklist = await kiosk.attribute('[data-testid="checklist-qr"]', 'data-qr-text');
  assert.equal(checklist, `${world.central.url}/c/hn-ba-dinh/1.001193?case=0`);
  const page = await fetch(checklist);
  assert.equal(page.status, 200);
  assert.ok((await page.text()).includes(last));

  // Back to the list, the last one ticked: ready.
  await kiosk.click('[data-testid="back"]');
  await tick(left);
  await kiosk.click('[data-testid="documents-done"]');
  assert.match(await kiosk.text('[data-testid="verdict"]'), /Bạn đã có đủ giấy tờ/);
});

/** Ticks document `index` of the checklist. */
async function tick(index) {
  await clickInView(`[data-testid="component-${index}"]`);
}

/** Scrolls the element into view (lists scroll inside the screen), then touches it. */
async function clickInView(css) {
  await kiosk.waitFor(css);
  await kiosk.execute(`document.querySelector('${css}').scrollIntoView({ block: 'center' })`);
  await kiosk.click(css);
}

test('the online hand-off: its QR code decodes to the procedure page on the portal', async () => {
  // From the verdict of a checklist with every document ticked.
  const procedure = await procedureOf('1.001193');
  await birthRegistrationChecklist();
  await kiosk.click('[data-testid="service-1.001193"]');
  await kiosk.click('[data-testid="case-0"]');
  for (let i = 0; i < procedure.dossier[0].components.length; i++) await tick(i);
  await kiosk.click('[data-testid="documents-done"]');
  assert.match(await kiosk.text('[data-testid="verdict"]'), /Bạn đã có đủ giấy tờ/);
  await kiosk.click('[data-testid="documents-apply-online"]');
  const text = await kiosk.attribute('[data-testid="portal-qr"]', 'data-qr-text');
  assert.equal(text, procedure.portal_url);
  assert.match(await kiosk.text('[data-testid="portal-name"]'), /Cổng Dịch vụ công quốc gia/);
  const decoded = await qrOnScreen('online-handoff');
  assert.equal(decoded, procedure.portal_url, 'the QR code on the screen holds the portal address');

  // A fully online procedure says no visit is needed.
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="action-apply-online"]');
  await kiosk.click('[data-testid="service-search"]');
  await typeOnScreen('doc than');
  await clickInView('[data-testid="service-1.004873"]');
  assert.match(await kiosk.text('[data-testid="online-level"]'), /Không cần đến văn phòng/);
  const full = await procedureOf('1.004873');
  assert.equal(await qrOnScreen('online-full'), full.portal_url);
  await kiosk.click('[data-testid="home"]');
});

test('with the central stopped, a restarted kiosk still finds procedures', async () => {
  await kiosk.quit();
  driver.kill();
  await stopKiosks(world.profile);
  await stop(world.central.child);
  ({ driver, session: kiosk } = await startDriver(world.profile));

  await kiosk.waitFor('[data-testid="offline-banner"]', 20000);
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="service-search"]');
  await typeOnScreen('ket hon');
  await kiosk.waitFor('[data-testid="service-1.000894"]', 20000);
  await kiosk.waitFor('[data-testid="from-cache"]');
  await shot('offline-search');
});

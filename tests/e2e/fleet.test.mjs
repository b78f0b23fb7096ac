// End to end: IT staff change a kiosk's profile in the console (a real Chromium) and the
// real kiosk window takes it between visitors, then reports the new version back.
// Heartbeats come every 30 s, so this test waits up to about a minute per change.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorld, startDriver, stopWorld, api, kioskLogCount, outputDir, sleep } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const HEARTBEAT_WAIT_MS = 75_000;

let world;
let driver;
let kiosk;
let browser;

before(async () => {
  world = await startWorld();
  ({ driver, session: kiosk } = await startDriver(world.profile));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
});

after(async () => {
  await browser?.close();
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** Waits until `read()` gives text matching `pattern`; fails with the last text seen. */
async function waitUntil(read, pattern, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < until) {
    text = (await read().catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await sleep(250);
  }
  assert.fail(`expected ${pattern}, last saw ${JSON.stringify(text)}`);
}

/** The office's name in the kiosk's header, as shown. */
function officeTitle() {
  return kiosk.execute("return document.querySelector('[data-testid=\"office-name\"]').textContent");
}

/** What the kiosk logs once a profile from the central is checked and waits to be applied. */
const READY = 'a newer profile is ready';

/** Polls `check` until it is true; fails saying `what`. */
async function waitUntilTrue(what, check, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(250);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** The kiosk `id` as the central lists it. */
async function thisKiosk(id) {
  const fleet = await api(world.central.url, world.adminToken, '/kiosks');
  assert.equal(fleet.status, 200);
  const found = fleet.body.find((k) => k.id === id);
  assert.ok(found, `kiosk ${id} is listed`);
  return found;
}

/** Waits for a heartbeat of kiosk `id` later than `after` (RFC 3339); returns the kiosk then. */
async function nextHeartbeat(id, after) {
  const until = Date.now() + HEARTBEAT_WAIT_MS;
  while (Date.now() < until) {
    const now = await thisKiosk(id);
    if (Date.parse(now.last_heartbeat) > Date.parse(after)) return now;
    await sleep(500);
  }
  assert.fail(`no heartbeat of kiosk ${id} after ${after}`);
}

/** The kiosk as the central lists it, once it has registered. */
async function registeredKiosk() {
  const until = Date.now() + HEARTBEAT_WAIT_MS;
  while (Date.now() < until) {
    const fleet = await api(world.central.url, world.adminToken, '/kiosks');
    const found = fleet.body.find((k) => k.office === 'hn-ba-dinh' && k.last_heartbeat);
    if (found) return found;
    await sleep(500);
  }
  assert.fail('the kiosk never registered');
}

test('a profile changed in the console reaches the kiosk between visitors and is reported', async () => {
  await kiosk.waitFor('[data-testid="action-take-number"]');
  const registered = await registeredKiosk();
  assert.equal(registered.online, true);

  const page = await browser.newPage();
  await page.goto(`${world.central.url}/admin`);
  await page.getByLabel('Admin token').fill(world.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const row = page.locator(`tr[data-kiosk="${registered.id}"]`);
  await waitUntil(() => row.textContent(), /Online/);

  // A profile for the lobby: a shorter idle timeout and the office's own title.
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Ba Đình lobby');
  const editor = page.getByLabel('Profile (TOML)');
  await editor.fill(
    'office = "hn-ba-dinh"\nidle_timeout_seconds = 60\n\n[branding]\ntitle_vi = "Bộ phận Một cửa Ba Đình"\n',
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitUntil(() => page.locator('#save-result').textContent(), /Saved as version 1\./);
  await waitUntil(() => page.locator('#profiles').textContent(), /Ba Đình lobby/);
  await page
    .getByLabel(`Profile for kiosk ${registered.name} (${registered.id})`)
    .selectOption({ label: 'Ba Đình lobby' });
  // A visitor is mid-flow when it arrives: the kiosk waits for them to finish.
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.waitFor('[data-testid="service-search"]');
  const readyBefore = kioskLogCount(world.profile, READY);
  await row.getByRole('button', { name: 'Assign' }).click();
  await waitUntil(() => row.textContent(), /Assigned Ba Đình lobby v1/);
  assert.equal((await thisKiosk(registered.id)).assigned_profile?.version, 1, 'the central holds the assignment');
  // A heartbeat carries the profile, and the kiosk checks it and holds it ready...
  await waitUntilTrue(
    'the kiosk to hold the profile ready',
    () => kioskLogCount(world.profile, READY) > readyBefore,
    HEARTBEAT_WAIT_MS,
  );
  // ...and the heartbeat after that reports what the kiosk runs: still its own settings,
  // because the visitor is not done.
  const held = await thisKiosk(registered.id);
  const reported = await nextHeartbeat(registered.id, held.last_heartbeat);
  assert.equal(reported.profile_version, null, 'the kiosk reports it still runs its own profile');
  assert.match(await officeTitle(), /Ba Đình/);
  assert.doesNotMatch(await officeTitle(), /Bộ phận Một cửa/);
  assert.equal(await kiosk.execute('return !!document.querySelector(\'[data-testid="service-search"]\')'), true);
  await kiosk.click('[data-testid="home"]');
  await waitUntil(officeTitle, /Bộ phận Một cửa Ba Đình/, HEARTBEAT_WAIT_MS);
  await waitUntil(() => row.textContent(), /Assigned Ba Đình lobby v1: up to date/, HEARTBEAT_WAIT_MS);

  // IT staff change the idle timeout: version 2 reaches the idle kiosk and is reported.
  await editor.fill(
    'office = "hn-ba-dinh"\nidle_timeout_seconds = 45\n\n[branding]\ntitle_vi = "Bộ phận Một cửa Ba Đình"\n',
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitUntil(() => page.locator('#save-result').textContent(), /Saved as version 2\./);
  await waitUntil(() => row.textContent(), /Assigned Ba Đình lobby v2: up to date/, HEARTBEAT_WAIT_MS);
  const fleet = await api(world.central.url, world.adminToken, '/kiosks');
  assert.equal(fleet.body.find((k) => k.id === registered.id).profile_version, 2);
  writeFileSync(join(outputDir, 'fleet-console.png'), await page.screenshot({ fullPage: true }));
  writeFileSync(join(outputDir, 'fleet-kiosk.png'), await kiosk.screenshot());
  await page.close();
});

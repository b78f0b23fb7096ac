// axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA and best practices) on every view of the IT
// console in Chromium against the real central, on a desktop and on a phone: signed out,
// a refused token, the fleet with its kiosks and profiles and today's queues, a new
// profile in the editor, the problems of a bad one, an earlier version shown, and a
// change someone else saved meanwhile. No violation is allowed.
//
//   cargo build --release -p central && node --test tests/console/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startCentral, stopCentral } from './central.mjs';
import { join } from 'node:path';
import { assertAccessible, assertReflows } from '../pages/axe.mjs';
import { outputDir } from '../pages/harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

let central;
let browser;
let admin;

before(async () => {
  central = await startCentral();
  admin = central.token('--role', 'admin');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  // Two kiosk tokens: one kiosk that runs its own file, one that has never called in.
  const registered = central.token('--role', 'kiosk', '--office', 'hn-ba-dinh');
  central.token('--role', 'kiosk', '--office', 'hn-ba-dinh');
  await kioskCall(registered, '/kiosks/register', { name: 'lobby-1', app_version: '0.1.0' });
});

after(async () => {
  await browser?.close();
  await stopCentral(central);
});

async function kioskCall(token, path, body) {
  const response = await fetch(`${central.url}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

async function adminCall(method, path, body) {
  const response = await fetch(`${central.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(response.ok, await response.clone().text());
  return response.json();
}

/** Waits until `locator`'s text matches `pattern`; fails with the last text seen. */
async function waitForText(locator, pattern, timeout = 10000) {
  const until = Date.now() + timeout;
  let text = '';
  while (Date.now() < until) {
    text = (await locator.textContent().catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`expected ${pattern}, last saw ${JSON.stringify(text)}`);
}

test('every view of the IT console has no accessibility violation, on a desktop and on a phone', async () => {
  for (const { name: size, ...options } of SIZES) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${central.url}/admin`);
    await page.getByLabel('Admin token').waitFor();
    await assertAccessible(page, `the console's sign-in (${size})`);

    await page.getByLabel('Admin token').fill('admin_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.locator('#login-error'), /refused/);
    await assertAccessible(page, `the console's sign-in with a refused token (${size})`);

    await page.getByLabel('Admin token').fill(admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.locator('#kiosks tbody'), /lobby-1[\s\S]*Not started yet|Not started yet[\s\S]*lobby-1/);
    await waitForText(page.locator('#queues'), /Waiting area/);
    await assertAccessible(page, `the fleet, profiles and queues (${size})`);
    await assertReflows(page, `the fleet, profiles and queues (${size})`);
    // Vietnamese names in the English console are marked so, for a Vietnamese voice.
    assert.equal(await page.locator('#queues h3[lang="vi"]', { hasText: 'phường Ba Đình' }).count(), 1);
    assert.ok(await page.locator('#queues th span[lang="vi"]', { hasText: 'Hộ tịch' }).count() >= 1);
    await page.screenshot({ path: join(outputDir(), `console-${size}.png`), fullPage: true });

    // A new profile, then its problems, then saved.
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`Lobby ${size}`);
    await assertAccessible(page, `a new profile in the editor (${size})`);
    const editor = page.getByLabel('Profile (TOML)');
    await editor.fill('office = "hn-ba-dinh"\nidle_timeout_seconds = 5\n');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.locator('#problems'), /idle_timeout_seconds/);
    await assertAccessible(page, `a profile's problems (${size})`);

    await editor.fill('office = "hn-ba-dinh"\nidle_timeout_seconds = 60\n');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.locator('#save-result'), /Saved as version 1\./);
    await editor.fill('office = "hn-ba-dinh"\nidle_timeout_seconds = 45\n');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.locator('#save-result'), /Saved as version 2\./);
    await page.getByLabel('Show an earlier version').selectOption('1');
    await waitForText(page.locator('#save-result'), /Showing version 1/);
    await assertAccessible(page, `an earlier version shown (${size})`);

    // Someone else saves meanwhile: the editor offers to reload.
    const profiles = await adminCall('GET', '/profiles');
    const mine = profiles.find((p) => p.name === `Lobby ${size}`);
    await adminCall('PUT', `/profiles/${mine.id}`, { document: mine.document, base_version: mine.version });
    await page.getByLabel('Show an earlier version').selectOption('2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.locator('#save-result'), /Someone saved version 3/);
    await assertAccessible(page, `a change saved meanwhile (${size})`);

    // Assigned to the kiosk: the row says so.
    const row = page.locator('tr[data-kiosk]', { hasText: 'lobby-1' });
    await row.locator('select').selectOption({ label: `Lobby ${size}` });
    await row.getByRole('button', { name: 'Assign' }).click();
    await waitForText(row, /Assigned; the kiosk gets it at its next heartbeat\./);
    await assertAccessible(page, `a profile assigned to a kiosk (${size})`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    await context.close();
  }
});

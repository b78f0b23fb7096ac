// The IT console in a real browser against a real central: sign in, write a profile
// (a bad idle timeout is shown by field, then fixed), assign it to a kiosk, change it, and
// see the kiosk report the new version after its heartbeat.
//
// The kiosk is played by this test over HTTP, as kiosk-core's client speaks: it registers
// with a kiosk token, and each heartbeat reports the profile version it runs.
//
//   cargo build -p central && node --test tests/console/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startCentral, stopCentral } from './central.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let central;
let browser;

before(async () => {
  central = await startCentral();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Chromium refuses its sandbox to root, as in a CI container.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
});

after(async () => {
  await browser?.close();
  await stopCentral(central);
});

/** A kiosk as the central sees it: a token, a registration and heartbeats. */
class Kiosk {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.running = null; // { id, version, document }
  }

  async call(path, body) {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }

  async register(name) {
    const answer = await this.call('/kiosks/register', { name, app_version: '0.1.0' });
    if (answer.profile) this.running = answer.profile;
    return answer;
  }

  /** One heartbeat; a profile in the answer is applied at once (no visitor is mid-flow). */
  async heartbeat() {
    const answer = await this.call('/kiosks/heartbeat', {
      app_version: '0.1.0',
      profile_id: this.running?.id ?? null,
      profile_version: this.running?.version ?? null,
      printer: 'ready',
      last_error: null,
      uptime_seconds: 60,
    });
    if (answer.profile) this.running = answer.profile;
    return answer.profile;
  }
}

/** Waits until `locator`'s text matches `pattern`; fails with the last text seen. */
async function waitForText(locator, pattern, timeout = 15000) {
  const until = Date.now() + timeout;
  let text = '';
  while (Date.now() < until) {
    text = (await locator.textContent().catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`expected ${pattern}, last saw ${JSON.stringify(text)}`);
}

test('IT staff write a profile, assign it, change it, and see the kiosk run the change', async () => {
  const admin = central.token('--role', 'admin');
  const kiosk = new Kiosk(central.url, central.token('--role', 'kiosk', '--office', 'hn-ba-dinh'));
  const { kiosk_id: kioskId } = await kiosk.register('lobby-1');
  assert.equal(await kiosk.heartbeat(), null, 'nothing is assigned yet');

  const page = await browser.newPage();
  const problems = [];
  // Answers the test asks for (401, 422) are logged by the browser as failed loads;
  // anything else on the console (a script error, a CSP refusal) is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: .* (401|422)/.test(m.text())) {
      problems.push(m.text());
    }
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(central.url)) problems.push(`request to ${r.url()}`);
  });

  await page.goto(`${central.url}/admin`);
  // A wrong token is refused with a sentence, not a broken page.
  await page.getByLabel('Admin token').fill('admin_not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForText(page.locator('#login-error'), /refused/);
  await page.getByLabel('Admin token').fill(admin);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const row = page.locator(`tr[data-kiosk="${kioskId}"]`);
  await waitForText(row, /lobby-1/);
  await waitForText(row, /Online/);
  await waitForText(row, /Its own file/);

  // A new profile with an idle timeout too short: the problem is listed by its field.
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Ba Đình lobby');
  const editor = page.getByLabel('Profile (TOML)');
  await editor.fill('office = "hn-ba-dinh"\nidle_timeout_seconds = 5\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const problemList = page.locator('#problems');
  const shown = await waitForText(problemList, /idle_timeout_seconds/);
  assert.match(shown, /is 5; it must be a whole number of seconds from 15 to 600/);
  assert.equal(await problemList.locator('li').count(), 1);

  // Fixed, it is saved as version 1.
  await editor.fill('office = "hn-ba-dinh"\nidle_timeout_seconds = 60\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForText(page.locator('#save-result'), /Saved as version 1\./);
  assert.equal(await page.locator('#problems-box').isHidden(), true);

  // Assigned to the kiosk, which gets it at its next heartbeat.
  await waitForText(page.locator('#profiles'), /Ba Đình lobby/);
  const choice = page.getByLabel(`Profile for kiosk lobby-1 (${kioskId})`);
  await choice.selectOption({ label: 'Ba Đình lobby' });
  await row.getByRole('button', { name: 'Assign' }).click();
  await waitForText(row, /Assigned; the kiosk gets it at its next heartbeat\./);
  await waitForText(row, /Assigned Ba Đình lobby v1: not running yet/);
  const first = await kiosk.heartbeat();
  assert.equal(first?.version, 1);
  assert.match(first.document, /idle_timeout_seconds = 60/);
  await kiosk.heartbeat();
  await waitForText(row, /Ba Đình lobby v1\s*Assigned Ba Đình lobby v1: up to date/);

  // The idle timeout changed in the editor is version 2 …
  await editor.fill('office = "hn-ba-dinh"\n# Shorter for the busy morning.\nidle_timeout_seconds = 45\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForText(page.locator('#save-result'), /Saved as version 2\./);
  await waitForText(page.locator('#editor-title'), /Edit Ba Đình lobby \(version 2\)/);
  await waitForText(row, /Assigned Ba Đình lobby v2: not running yet/);

  // … which the kiosk receives at its next heartbeat, exactly as saved, and then runs.
  const second = await kiosk.heartbeat();
  assert.equal(second?.version, 2);
  assert.equal(second.document, 'office = "hn-ba-dinh"\n# Shorter for the busy morning.\nidle_timeout_seconds = 45\n');
  await kiosk.heartbeat();
  await waitForText(row, /Ba Đình lobby v2\s*Assigned Ba Đình lobby v2: up to date/);

  // Today's queues of each demo office are there too.
  await waitForText(page.locator('#queues'), /Waiting area: \d+ of \d+ places in use/);

  assert.deepEqual(problems, [], 'no script error, CSP violation or outside request');
  await page.close();
});

// What the page tests share: the real central on a working morning, its tokens, a kiosk
// that takes numbers over HTTP, and a Chromium that may play sound without a tap.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { root, startCentral as startServer, stopCentral } from '../console/central.mjs';

export const OFFICE = 'hn-ba-dinh';
/** A Wednesday morning: the demo offices are open, whatever the hour the tests run. */
export const CLOCK_START = '2026-12-02T09:00:00+07:00';
/** Procedure codes of the demo catalogue, by queue. */
export const SERVICE = { A: '1.001193', D: '1.013978' };

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Where screenshots are kept to look at: `$CARGO_TARGET_DIR/test-output/pages`. */
export function outputDir() {
  const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
  const dir = join(target, 'test-output', 'pages');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `central serve --demo` on a random port with its own database, its clock started at
 *  `clockStart` (a working morning unless told); resolves once it listens. */
export function startCentral(clockStart = CLOCK_START) {
  return startServer({ clockStart });
}

export { stopCentral };

/** What most test files start with: a central with a kiosk and a staff token of `OFFICE`,
 *  and Chromium. */
export async function openWorld() {
  const central = await startCentral();
  return {
    central,
    kioskToken: central.token('--role', 'kiosk', '--office', OFFICE),
    staffToken: central.token('--role', 'staff', '--office', OFFICE),
    browser: await launchBrowser(),
  };
}

/** Ends what `openWorld` started. */
export async function closeWorld({ central, browser } = {}) {
  await browser?.close();
  await stopCentral(central);
}

/** Debian's Chromium, headless, allowed to play the board's calls without a tap (as on the TV),
 *  unless `autoplay` names another policy. */
export function launchBrowser(autoplay = 'no-user-gesture-required') {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--autoplay-policy=${autoplay}`,
    ],
  });
}

/** Takes a number at `office` as a kiosk does: its token and one idempotency key per tap. */
export async function takeNumber(central, kioskToken, service, office = OFFICE) {
  const response = await fetch(`${central.url}/api/v1/offices/${office}/tickets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${kioskToken}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({ service, priority: 'none' }),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`taking a number: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Calls the API as staff; answers the status and the JSON body. */
export async function staff(central, token, method, path, body) {
  const response = await fetch(`${central.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

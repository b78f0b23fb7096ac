// A small W3C WebDriver client over fetch: enough to drive the kiosk window
// through tauri-driver and WebKitWebDriver.

import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Test files may run side by side, each with its own window. A scan is a burst of keys
// the kiosk reads as a scan only when they come less than 50 ms apart, so while one
// window is given a scan the other files hold their next command: the burst does not
// share the machine with another window's work. A folder is the lock, since creating
// one is atomic; one older than a scan can take is left over from a killed run.
const SCAN_LOCK = join(tmpdir(), 'lobby-kiosk-e2e-scan.lock');
const SCAN_LOCK_STALE_MS = 30_000;

function lockAge() {
  try {
    return Date.now() - statSync(SCAN_LOCK).mtimeMs;
  } catch {
    return null;
  }
}

let scanning = false;

async function whileNoScan() {
  for (;;) {
    const age = scanning ? null : lockAge();
    if (age === null || age > SCAN_LOCK_STALE_MS) return;
    await sleep(20);
  }
}

async function takeScanLock() {
  for (;;) {
    try {
      mkdirSync(SCAN_LOCK);
      scanning = true;
      return;
    } catch {
      const age = lockAge();
      if (age !== null && age > SCAN_LOCK_STALE_MS) rmSync(SCAN_LOCK, { recursive: true, force: true });
      await sleep(20);
    }
  }
}

function releaseScanLock() {
  scanning = false;
  rmSync(SCAN_LOCK, { recursive: true, force: true });
}

export class WebDriver {
  constructor(base, sessionId) {
    this.base = base;
    this.sessionId = sessionId;
  }

  static async connect(base, capabilities, attempts = 50) {
    let lastError;
    for (let i = 0; i < attempts; i++) {
      try {
        const res = await fetch(`${base}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
        });
        const body = await res.json();
        if (res.ok) return new WebDriver(base, body.value.sessionId);
        lastError = new Error(`new session: ${JSON.stringify(body.value)}`);
        break;
      } catch (error) {
        lastError = error; // the driver is not listening yet
        await sleep(200);
      }
    }
    throw lastError;
  }

  /** `id` as a script argument: the element reference of WebDriver's protocol. */
  static element(id) {
    return { 'element-6066-11e4-a52e-4f735466cecf': id };
  }

  async call(method, path, body) {
    await whileNoScan();
    const res = await fetch(`${this.base}/session/${this.sessionId}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async findAll(css) {
    const found = await this.call('POST', '/elements', { using: 'css selector', value: css });
    return found.map((e) => Object.values(e)[0]);
  }

  /** Waits until an element matching `css` is displayed and returns its id. */
  async waitFor(css, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const id of await this.findAll(css)) {
        if (await this.call('GET', `/element/${id}/displayed`).catch(() => false)) return id;
      }
      await sleep(100);
    }
    throw new Error(`no visible element matches ${css} after ${timeoutMs} ms`);
  }

  async waitGone(css, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const shown = [];
      for (const id of await this.findAll(css)) {
        shown.push(await this.call('GET', `/element/${id}/displayed`).catch(() => false));
      }
      if (!shown.some(Boolean)) return;
      await sleep(100);
    }
    throw new Error(`${css} still visible after ${timeoutMs} ms`);
  }

  /** Clicks the first element matching `css`, brought to the middle of its scroll area
   *  first when it lies outside it, as a visitor swipes to what lies below the fold
   *  (WebKitWebDriver does not always scroll an element inside a scrolling element into
   *  view by itself). */
  async click(css) {
    await this.clickElement(await this.waitFor(css));
  }

  /** Clicks the element `id`, scrolled into view first as `click` does. */
  async clickElement(id) {
    // Only the nearest area a finger can scroll moves, and only when the element is not
    // already inside it (scrollIntoView would move hidden-overflow boxes too).
    await this.call('POST', '/execute/sync', {
      script: `const el = arguments[0];
        for (let up = el.parentElement; up; up = up.parentElement) {
          if (!/(auto|scroll)/.test(getComputedStyle(up).overflowY) || up.scrollHeight <= up.clientHeight) continue;
          const r = el.getBoundingClientRect();
          const area = up.getBoundingClientRect();
          if (r.top < area.top || r.bottom > area.bottom) {
            up.scrollTop += r.top + r.height / 2 - (area.top + area.height / 2);
          }
          break;
        }`,
      args: [WebDriver.element(id)],
    });
    await this.call('POST', `/element/${id}/click`, {});
  }

  async text(css) {
    const id = await this.waitFor(css);
    return this.call('GET', `/element/${id}/text`);
  }

  async attribute(css, name) {
    const id = await this.waitFor(css);
    return this.call('GET', `/element/${id}/attribute/${name}`);
  }

  /**
   * Types `text` and Enter as real key events into whatever has the focus, with no
   * pause between keys: what a keyboard-wedge barcode scanner does.
   */
  async scan(text) {
    const keys = [...text, '\uE007'].flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await takeScanLock();
    try {
      await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'scanner', actions: keys }] });
      await this.call('DELETE', '/actions');
    } finally {
      releaseScanLock();
    }
  }

  async execute(script, args = []) {
    return this.call('POST', '/execute/sync', { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.call('GET', '/screenshot'), 'base64');
  }

  async quit() {
    await fetch(`${this.base}/session/${this.sessionId}`, { method: 'DELETE' }).catch(() => {});
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

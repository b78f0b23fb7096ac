// End to end: the kiosk window stays on the app. Navigating away (through
// WebDriver, through script, through window.open) is refused, and the release
// build swallows the context menu, reload and zoom keys.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, startDriver, stopWorld, kioskLogCount, sleep, waitUntil } from './harness.mjs';

let world;
let driver;
let kiosk;

before(async () => {
  world = await startWorld();
  ({ driver, session: kiosk } = await startDriver(world.profile));
  await kiosk.waitFor('[data-testid="action-take-number"]');
});

after(async () => {
  await kiosk?.quit();
  driver?.kill();
  await stopWorld(world);
});

/** Resolves with what `promise` gave, or threw, or `'timed out'`: a refused load may never finish. */
function settle(promise, ms = 5000) {
  return Promise.race([
    promise.then(
      (v) => ({ value: v }),
      (e) => ({ error: String(e) }),
    ),
    sleep(ms).then(() => 'timed out'),
  ]);
}

const isApp = (url) => /^(tauri:\/\/localhost|https?:\/\/tauri\.localhost)(\/|$)/.test(url);

const NAVIGATION_REFUSED = 'refused a navigation away from the app';

/**
 * Runs `attempt`, then waits until the kiosk's log says it refused it (`refusal`): only
 * then would a navigation that got through have happened, so the checks after it mean
 * something.
 */
async function refused(refusal, attempt) {
  const before = kioskLogCount(world.profile, refusal);
  const outcome = await attempt();
  await waitUntil(`the kiosk to log "${refusal}"`, () => kioskLogCount(world.profile, refusal) > before, {
    timeoutMs: 10000,
  });
  return outcome;
}

/** Marks the document shown, so a replaced one is told apart; from the home screen. */
async function markTheDocument() {
  await kiosk.waitFor('[data-testid="action-take-number"]');
  await kiosk.execute("window.__lockdownMarker = 'here'");
}

/**
 * Runs `attempt`, which WebKit may stop before the kiosk is asked (a file: address from
 * the app's page, a window.open), then a navigation the kiosk refuses and logs: once that one is
 * refused, the attempt before it has been decided too.
 */
async function decided(attempt) {
  const outcome = await attempt();
  await refused(NAVIGATION_REFUSED, () => settle(kiosk.execute("location.href = 'https://example.org/after'")));
  return outcome;
}

/** The window still shows the same document of the app, on its home screen. */
async function stillOnTheApp(what) {
  const url = await kiosk.execute('return location.href');
  assert.ok(isApp(url), `${what}: the window is still on the app, not ${url}`);
  assert.equal(
    await kiosk.execute('return window.__lockdownMarker'),
    'here',
    `${what}: the app's document was never replaced`,
  );
  const id = await kiosk.waitFor('[data-testid="action-take-number"]', 5000);
  assert.equal(await kiosk.call('GET', `/element/${id}/displayed`), true);
}

test('navigating the window away leaves it on the app', async () => {
  await markTheDocument();

  await refused(NAVIGATION_REFUSED, () => settle(kiosk.call('POST', '/url', { url: 'http://127.0.0.1:9/' })));
  await stillOnTheApp('WebDriver navigation');

  await refused(NAVIGATION_REFUSED, () => settle(kiosk.execute("location.href = 'https://example.org/'")));
  await stillOnTheApp('location.href');

  await decided(() => settle(kiosk.execute("location.assign('file:///etc/hostname')")));
  await stillOnTheApp('location.assign to a file');

  // WebKit refuses a script's window.open without a touch before the kiosk is asked.
  const opened = await decided(() => kiosk.execute("return window.open('https://example.org/', '_blank') === null"));
  assert.equal(opened, true, 'window.open is refused');
  await stillOnTheApp('window.open');
  const handles = await kiosk.call('GET', '/window/handles');
  assert.equal(handles.length, 1, 'no second window was opened');
});

test('the context menu, reload and zoom keys are swallowed', async () => {
  await markTheDocument();
  const prevented = await kiosk.execute(`
    const ev = (e) => !document.body.dispatchEvent(e);
    return {
      contextmenu: ev(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
      f5: ev(new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true })),
      ctrlR: ev(new KeyboardEvent('keydown', { key: 'r', ctrlKey: true, bubbles: true, cancelable: true })),
      ctrlPlus: ev(new KeyboardEvent('keydown', { key: '+', ctrlKey: true, bubbles: true, cancelable: true })),
      ctrlMinus: ev(new KeyboardEvent('keydown', { key: '-', ctrlKey: true, bubbles: true, cancelable: true })),
      ctrlZero: ev(new KeyboardEvent('keydown', { key: '0', ctrlKey: true, bubbles: true, cancelable: true })),
      ctrlWheel: ev(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true })),
      plainKey: ev(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true })),
    };
  `);
  assert.deepEqual(prevented, {
    contextmenu: true,
    f5: true,
    ctrlR: true,
    ctrlPlus: true,
    ctrlMinus: true,
    ctrlZero: true,
    ctrlWheel: true,
    plainKey: false,
  });
  await stillOnTheApp('after the swallowed keys');
});

test('the UI may call its own commands, and nothing it was not given', async () => {
  await markTheDocument();
  const outcome = await kiosk.execute(`
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const tryCall = (cmd, args) => invoke(cmd, args).then(() => 'allowed', (e) => 'refused: ' + e);
    return Promise.all([
      tryCall('compose_telex', { keys: 'a' }),
      tryCall('plugin:webview|set_webview_zoom', { value: 2 }),
      tryCall('plugin:window|close', {}),
    ]);
  `);
  assert.equal(outcome[0], 'allowed', 'a command the UI uses is allowed');
  assert.match(outcome[1], /^refused/, 'zooming the webview is not allowed');
  assert.match(outcome[2], /^refused/, 'closing the window is not allowed');
  await stillOnTheApp('after the refused commands');
});

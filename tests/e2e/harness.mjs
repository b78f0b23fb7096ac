// Starts the real parts for an end-to-end run: the central server on a fresh
// database, tokens made with its CLI, a virtual thermal printer, a kiosk profile,
// and tauri-driver.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { WebDriver, sleep } from './webdriver.mjs';

export const root = resolve(import.meta.dirname, '../..');
export const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
export const centralBin = join(targetDir, 'release', 'central');
export const kioskBin = join(targetDir, 'release', 'kiosk');
export const printerBin = join(targetDir, 'release', 'virtual-printer');
export const outputDir = join(root, 'tests', 'e2e', 'output');

export function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
    server.on('error', rej);
  });
}

/** Runs `central serve` and resolves once it prints its address. With `clockStart`
 *  (RFC 3339) the central's clock starts there and runs on. */
export function startCentral(db, listen = '127.0.0.1:0', { clockStart } = {}) {
  const clock = clockStart ? ['--clock-start', clockStart] : [];
  // The tests fill the lobby through the kiosk's token in a second, as a whole office
  // would in an hour: the request limits (a kiosk's pace) are off here.
  const args = ['--db', db, 'serve', '--listen', listen, '--demo', '--no-request-limits', ...clock];
  const child = spawn(centralBin, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) res({ child, url: m[1] });
    });
    child.on('exit', (code) => rej(new Error(`central exited with ${code}`)));
  });
}

/** Runs the virtual printer on a free port, writing tickets as PNGs into `out`. */
export function startPrinter(out) {
  const child = spawn(printerBin, ['--listen', '127.0.0.1:0', '--out', out], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((res, rej) => {
    let said = '';
    // Everything it says (one line per ticket, and per job it could not print), for tests
    // that check what reached the printer.
    const printer = { child, address: null, out, said: () => said };
    child.stdout.on('data', (chunk) => {
      said += chunk;
      const m = said.match(/listening on (\S+);/);
      if (m && !printer.address) res(Object.assign(printer, { address: m[1] }));
    });
    child.on('exit', (code) => rej(new Error(`virtual-printer exited with ${code}`)));
  });
}

export function stop(child) {
  return new Promise((res) => {
    if (!child || child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

export function createToken(db, ...args) {
  return execFileSync(centralBin, ['--db', db, 'token', 'create', ...args], { encoding: 'utf8' }).trim();
}

/** Opens the demo office day and night with no closed days, so a run does not
 *  depend on the hour: the central issues numbers only in opening hours. */
export async function openAllHours(url, adminToken, office = 'hn-ba-dinh') {
  const calendar = {
    opening_hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' }],
    closed_days: [],
  };
  const { status, body } = await api(url, adminToken, `/offices/${office}/calendar`, {
    method: 'PUT',
    body: JSON.stringify(calendar),
  });
  if (status !== 200) throw new Error(`cannot open ${office} all hours: ${status} ${JSON.stringify(body)}`);
}

/** 09:05 in Hanoi on the next Monday to Friday after today: a morning when the demo
 *  office is open and has slots, whatever the hour the tests run at. */
export function nextWorkingMorning(now = new Date()) {
  const hanoi = new Date(now.getTime() + 7 * 3600 * 1000); // its UTC fields are Hanoi's
  for (let days = 1; days <= 7; days++) {
    const day = new Date(hanoi.getTime() + days * 86400 * 1000);
    const weekday = day.getUTCDay();
    if (weekday >= 1 && weekday <= 5) return `${day.toISOString().slice(0, 10)}T09:05:00+07:00`;
  }
  throw new Error('unreachable: a week has working days');
}

/** The profile setting for a maintenance PIN, hashed by `kiosk maintenance hash-pin`. */
export function hashPin(pin) {
  return execFileSync(kioskBin, ['maintenance', 'hash-pin'], { input: `${pin}\n`, encoding: 'utf8' }).trim();
}

/** A fresh database, a running central, tokens and a kiosk profile pointing at it;
 *  with `maintenancePinHash`, the maintenance screen opens with that PIN; with
 *  `clockStart`, the central's clock starts there. */
export async function startWorld({ idleTimeoutSeconds = 90, maintenancePinHash = null, clockStart } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  mkdirSync(outputDir, { recursive: true });
  const db = `sqlite://${join(dir, 'central.db')}`;
  const central = await startCentral(db, '127.0.0.1:0', { clockStart });
  const printer = await startPrinter(join(dir, 'printer'));
  const kioskToken = createToken(db, '--role', 'kiosk', '--office', 'hn-ba-dinh');
  const adminToken = createToken(db, '--role', 'admin');
  await openAllHours(central.url, adminToken);
  writeFileSync(join(dir, 'kiosk.token'), kioskToken + '\n', { mode: 0o600 });
  const profile = join(dir, 'kiosk.toml');
  writeFileSync(
    profile,
    [
      `central_url = "${central.url}"`,
      'office = "hn-ba-dinh"',
      'token_file = "kiosk.token"',
      'default_language = "vi"',
      `idle_timeout_seconds = ${idleTimeoutSeconds}`,
      // The catalogue kept between runs, in this world's own folder.
      'cache_dir = "kiosk-cache"',
      ...(maintenancePinHash ? [`maintenance_pin_hash = "${maintenancePinHash}"`] : []),
      '',
      '[printer]',
      'transport = "tcp"',
      `address = "${printer.address}"`,
      'paper_width_mm = 80',
      '',
    ].join('\n'),
  );
  return { dir, db, central, printer, adminToken, profile };
}

/** Stops what `startWorld` started. */
export async function stopWorld(world) {
  await stopKiosks(world?.profile);
  await stop(world?.central.child);
  await stop(world?.printer.child);
}

/** Ends every kiosk started with `profile`: a kiosk whose driver was stopped can
 *  outlive it, and must not linger into the next test or hold the runner's output. */
export async function stopKiosks(profile) {
  if (!profile) return;
  for (let i = 0; i < 50; i++) {
    const found = spawnSync('pgrep', ['-f', '--', profile]).status === 0;
    if (!found) return;
    spawnSync('pkill', [i < 25 ? '-TERM' : '-KILL', '-f', '--', profile]);
    await sleep(100);
  }
}

export async function startDriver(profile) {
  const port = await freePort();
  const nativePort = await freePort();
  const driverBin = process.env.TAURI_DRIVER || join(homedir(), '.cargo', 'bin', 'tauri-driver');
  // The driver's output (and the kiosk's, which inherits it) goes to a file beside the
  // profile: a kiosk that outlived its driver would otherwise keep the runner's pipe open.
  const dir = dirname(profile);
  const log = openSync(kioskLogPath(profile), 'a');
  const driver = spawn(driverBin, ['--port', String(port), '--native-port', String(nativePort)], {
    stdio: ['ignore', log, log],
    // Each test file's kiosk is on its own: the web view's storage and caches in its own
    // folder, and a D-Bus session address of its own, so the single-instance lock (a D-Bus
    // name) of one file's kiosk never hands another file's kiosk over to it.
    env: {
      ...process.env,
      XDG_DATA_HOME: join(dir, 'xdg-data'),
      XDG_CACHE_HOME: join(dir, 'xdg-cache'),
      XDG_CONFIG_HOME: join(dir, 'xdg-config'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-session-bus')}`,
    },
  });
  const session = await WebDriver.connect(`http://127.0.0.1:${port}`, {
    'tauri:options': { application: kioskBin, args: ['--profile', profile] },
  });
  return { driver, session };
}

/** Where the kiosk started with `profile` writes its log (and its driver's). */
export function kioskLogPath(profile) {
  return join(dirname(profile), 'driver.log');
}

/** The kiosk's log so far. */
export function kioskLog(profile) {
  try {
    return readFileSync(kioskLogPath(profile), 'utf8');
  } catch {
    return '';
  }
}

/** How many lines of the kiosk's log so far contain `text`. */
export function kioskLogCount(profile, text) {
  return kioskLog(profile).split('\n').filter((line) => line.includes(text)).length;
}

/**
 * Polls `check` until it gives something truthy and returns that; after `timeoutMs`
 * fails saying `what` and the last value seen (a thrown error counts as not yet).
 */
export async function waitUntil(what, check, { timeoutMs = 15000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
}

export async function api(url, token, path, init = {}) {
  const res = await fetch(`${url}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  return { status: res.status, body: await res.json() };
}

export { sleep };

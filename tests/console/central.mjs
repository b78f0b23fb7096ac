// Starts the real central server for the console test: a fresh database in a temporary
// folder, the demo offices, and tokens made with its own CLI.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

/** The central binary: $CENTRAL_BIN, else the release build, else the debug build. */
export function centralBin() {
  if (process.env.CENTRAL_BIN) return process.env.CENTRAL_BIN;
  const release = join(targetDir, 'release', 'central');
  const debug = join(targetDir, 'debug', 'central');
  if (existsSync(release)) return release;
  if (existsSync(debug)) return debug;
  throw new Error(`no central binary in ${targetDir}: run \`cargo build -p central\` or set CENTRAL_BIN`);
}

/** `central serve --demo` on a random port with its own database, its clock started at
 *  `clockStart` (RFC 3339) when given; resolves once it listens. */
export async function startCentral({ clockStart } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'central-console-'));
  const db = `sqlite://${join(dir, 'central.db')}`;
  const bin = centralBin();
  const clock = clockStart ? ['--clock-start', clockStart] : [];
  // The page tests take many numbers in a few seconds through one kiosk token, as a
  // whole lobby would: the request limits (a kiosk's pace) are off here.
  const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--demo', '--no-request-limits', ...clock];
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) res(m[1]);
    });
    child.on('exit', (code) => rej(new Error(`central exited with ${code}`)));
  });
  const token = (...args) =>
    execFileSync(bin, ['--db', db, 'token', 'create', ...args], { encoding: 'utf8' }).trim();
  return { child, url, dir, token };
}

/** Stops the server and removes its folder. */
export async function stopCentral(central) {
  if (!central) return;
  const { child } = central;
  if (child.exitCode === null) {
    await new Promise((res) => {
      child.once('exit', res);
      child.kill('SIGTERM');
    });
  }
  rmSync(central.dir, { recursive: true, force: true });
}

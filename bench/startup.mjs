// Kiosk cold start to the first interactive screen, and memory (PSS summed over
// the app and its WebKit processes), each beside a bare Tauri window measured
// the same way in the same run. Run under a display (the script is wrapped in
// xvfb-run by `scripts/bench.sh`).
//
// node bench/startup.mjs [RUNS]

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, stopWorld, targetDir, kioskBin } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const bareBin = join(targetDir, 'release', 'bare-window');
const SETTLE_MS = 3000;

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) || []));
  return all;
}

function pssKiB(pid) {
  let total = 0;
  for (const p of descendants(pid)) {
    try {
      const m = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) total += Number(m[1]);
    } catch {
      // gone
    }
  }
  return total;
}

function launch(bin, args, marker) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${bin} not ready in 60 s`)), 60000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes(marker)) {
        clearTimeout(timer);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        setTimeout(() => {
          const pss = pssKiB(child.pid);
          child.kill('SIGTERM');
          child.once('exit', () => resolve({ ms, pss }));
        }, SETTLE_MS);
      }
    });
    child.on('error', reject);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const world = await startWorld();
const kiosk = [];
const bare = [];
try {
  for (let i = 0; i < runs; i++) {
    // Alternate, so drift of the machine hits both alike.
    bare.push(await launch(bareBin, [], 'bare: ready'));
    kiosk.push(await launch(kioskBin, ['--profile', world.profile], 'kiosk: ready'));
  }
} finally {
  await stopWorld(world);
}
const row = (name, xs) =>
  `| ${name} | ${median(xs.map((x) => x.ms)).toFixed(0)} ms | ${(median(xs.map((x) => x.pss)) / 1024).toFixed(1)} MiB |`;
console.log(`median of ${runs} runs, PSS ${SETTLE_MS / 1000} s after the first screen`);
console.log('| app | start to first interactive screen | PSS (app + WebKit processes) |');
console.log('|---|---|---|');
console.log(row('bare Tauri window', bare));
console.log(row('kiosk', kiosk));
const ratio = (f) => (median(kiosk.map(f)) / median(bare.map(f))).toFixed(2);
console.log(`\nkiosk / bare: start ${ratio((x) => x.ms)}×, memory ${ratio((x) => x.pss)}×`);

// From a key press, or the screen change it causes, to the first sound of what the kiosk
// says, in the real window with the real voice (eSpeak NG). The kiosk keeps each clip as it
// hands it to the sound card (KIOSK_SPEECH_RECORD_DIR); the time is from the key event in
// the page to that clip's file being written, both on the system clock. Run under a
// display (`scripts/bench.sh` wraps it in xvfb-run).
//
// node bench/first-sound.mjs [PRESSES]

import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, startDriver, stopWorld, sleep } from '../tests/e2e/harness.mjs';

const presses = Number(process.argv[2] || 30);
const world = await startWorld();
const spokenDir = join(world.dir, 'spoken');
process.env.KIOSK_SPEECH_RECORD_DIR = spokenDir;
process.env.KIOSK_AUDIO_DEVICE = 'null';
const { driver, session } = await startDriver(world.profile);

function lines() {
  const log = join(spokenDir, 'spoken.tsv');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** Dispatches `key` in the page; resolves to the ms from then to the first clip said. */
async function firstSound(key) {
  const before = lines();
  const pressedAt = await session.execute(
    `const at = Date.now();
     window.dispatchEvent(new KeyboardEvent('keydown', { key: arguments[0], bubbles: true }));
     return at;`,
    [key],
  );
  const deadline = Date.now() + 5000;
  while (lines() <= before) {
    if (Date.now() > deadline) throw new Error(`nothing said after ${key}`);
    await sleep(5);
  }
  const n = String(before + 1).padStart(4, '0');
  const clip = readdirSync(spokenDir).find((name) => name.startsWith(`${n}-`) && name.endsWith('.wav'));
  const written = statSync(join(spokenDir, clip)).mtimeMs;
  await sleep(400); // the rest of what it says, so the next press starts from quiet
  return written - pressedAt;
}

function summary(name, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `${name}: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (${times.length} presses)`,
  );
}

try {
  await session.waitFor('[data-testid="action-take-number"]');
  await firstSound('ArrowDown'); // starts the spoken mode
  await sleep(3000);
  const item = [];
  const screenChange = [];
  for (let i = 0; i < presses; i++) {
    item.push(await firstSound('ArrowDown'));
    // Down until a home action has the focus, then Enter opens its screen, Escape comes back.
    while (!(await session.execute('return !!document.activeElement?.dataset?.testid?.startsWith("action-")'))) {
      await firstSound('ArrowDown');
    }
    screenChange.push(await firstSound('Enter'));
    screenChange.push(await firstSound('Escape'));
  }
  summary('key press → the item said', item);
  summary('key press → the new screen said', screenChange);
} finally {
  await session.quit();
  driver.kill();
  await stopWorld(world);
}

// End to end: every screen usable at every screen shape, text size, language and contrast.
// One kiosk per screen shape (its own X server of that size): 1920×1080, 1366×768 and
// 1080×1920. On each, the visitor's own controls step the text through the profile's three
// sizes (contrast off at the first, on at the others), and every screen is checked in both
// languages: axe-core finds no violation, and every visible control lies in the window or in
// a scroll area that reaches it, at least 60 CSS px both ways. A screenshot of each screen at
// each shape and size is kept in tests/e2e/output/every-visitor/.
//
//   node --test tests/e2e/every-visitor.test.mjs        (starts its own X servers)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  hashPin,
  nextWorkingMorning,
  outputDir,
  root,
  sleep,
  startDriver,
  startWorld,
  stop,
  stopKiosks,
  stopWorld,
  waitUntil,
} from './harness.mjs';

const PIN = '246810';
const SHAPES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1080x1920', width: 1080, height: 1920 },
];
const SIZES = ['normal', 'large', 'extra_large'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const shotsDir = join(outputDir, 'every-visitor');

let world;
/** Screens checked so far (each with axe-core and the reach and size rules). */
let checks = 0;

before(async () => {
  mkdirSync(shotsDir, { recursive: true });
  // A working morning, so the booking screens have times to offer.
  world = await startWorld({ maintenancePinHash: hashPin(PIN), idleTimeoutSeconds: 600, clockStart: nextWorkingMorning() });
});

after(async () => {
  await stopWorld(world);
});

/** An X server of `width`×`height` on a free display; resolves with its display name. */
function startX(width, height) {
  const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^(\d+)\n/);
      if (m) res({ child, display: `:${m[1]}` });
    });
    child.on('exit', (code) => rej(new Error(`Xvfb exited with ${code}`)));
  });
}

/** Runs in the window: what a visitor could not reach or could hardly touch. */
const GEOMETRY = `
  const reachTop = arguments[0];
  const vw = window.innerWidth, vh = window.innerHeight;
  const problems = [];
  const controls = [...document.querySelectorAll(
    'button, input, select, textarea, a[href], [role="checkbox"], [role="button"], [tabindex]:not([tabindex="-1"])')];
  const scrollers = [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
  });
  const keep = scrollers.map((el) => [el, el.scrollTop]);
  const describe = (el) => el.dataset.testid || (el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    let rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (el.closest('.visually-hidden')) continue;
    if (rect.width < 59.5 || rect.height < 59.5) {
      problems.push(describe(el) + ': ' + Math.round(rect.width) + '×' + Math.round(rect.height) + ' px');
    }
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    rect = el.getBoundingClientRect();
    // Only scroll areas a finger can scroll may have moved: nothing overflow-hidden.
    const page = document.scrollingElement;
    let movedHidden = page && (page.scrollTop !== 0 || page.scrollLeft !== 0);
    for (let up = el.parentElement; up; up = up.parentElement) {
      const s = getComputedStyle(up);
      if ((up.scrollTop !== 0 && !/(auto|scroll)/.test(s.overflowY)) || up.scrollLeft !== 0) movedHidden = true;
    }
    const inside = rect.left >= -1 && rect.top >= -1 && rect.right <= vw + 1 && rect.bottom <= vh + 1;
    if (movedHidden || !inside) {
      problems.push(describe(el) + ': out of reach at ' + Math.round(rect.left) + ',' + Math.round(rect.top) +
        ' ' + Math.round(rect.width) + '×' + Math.round(rect.height));
    } else {
      const x = Math.min(vw - 1, Math.max(0, rect.left + rect.width / 2));
      const y = Math.min(vh - 1, Math.max(0, rect.top + rect.height / 2));
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit)) problems.push(describe(el) + ': covered by ' + describe(hit));
      // In portrait, scrolled as low as it goes, a control must come within reach.
      if (reachTop > 0 && rect.top < reachTop - 1) {
        el.scrollIntoView({ block: 'end', inline: 'nearest' });
        const low = el.getBoundingClientRect();
        if (low.top < reachTop - 1) problems.push(describe(el) + ': above reach at ' + Math.round(low.top) + ' px');
      }
    }
    if (page) { page.scrollTop = 0; page.scrollLeft = 0; }
    for (let up = el.parentElement; up; up = up.parentElement) up.scrollLeft = 0;
  }
  for (const [el, top] of keep) el.scrollTop = top;
  const h1 = [...document.querySelectorAll('h1')].length;
  if (h1 !== 1) problems.push(h1 + ' h1 elements');
  return problems;
`;

/** Runs axe-core in the window: its violations, one line each. */
async function axe(kiosk) {
  // The driver runs the script itself, so the page's CSP (no eval) does not stop it.
  if ((await kiosk.execute('return typeof window.axe')) !== 'object') {
    await kiosk.execute(`${axeSource}\n;return typeof window.axe;`);
  }
  return kiosk.call('POST', '/execute/async', {
    script: `
      const done = arguments[arguments.length - 1];
      window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
        .then((r) => done(r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | '))),
              (e) => done(['axe failed: ' + e]));
    `,
    args: [],
  });
}

test('every screen, every shape, text size, language and contrast: axe-clean, reachable, large enough', async (t) => {
  const problems = [];
  for (const shape of SHAPES) {
    await t.test(`${shape.name}`, async () => {
      const x = await startX(shape.width, shape.height);
      const display = process.env.DISPLAY;
      process.env.DISPLAY = x.display;
      const { driver, session: kiosk } = await startDriver(world.profile);
      process.env.DISPLAY = display;
      try {
        const started = Date.now();
        const found = await walkShape(kiosk, shape);
        t.diagnostic(`${shape.name}: ${checks} checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        problems.push(...found.map((p) => `${shape.name} ${p}`));
      } finally {
        await kiosk.quit().catch(() => {});
        driver.kill();
        await stopKiosks(world.profile);
        await stop(x.child);
      }
    });
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

/** Walks every screen at `shape` at each text size; returns what it found wrong. */
async function walkShape(kiosk, shape) {
  const problems = [];
  const size = await kiosk.execute('return [window.innerWidth, window.innerHeight]');
  // The window fills the screen whatever its shape.
  if (size[0] !== shape.width || size[1] !== shape.height) {
    problems.push(`window is ${size[0]}×${size[1]}, not the screen's ${shape.width}×${shape.height}`);
  }
  await kiosk.waitFor('[data-testid="action-take-number"]');
  let language = 'vi';
  let unlocked = false;
  const portrait = shape.height > shape.width;
  // A 32" portrait screen is 708 mm tall, its bottom edge at 900 mm: a hand reaches up to
  // 1220 mm, the lower 320 mm (45 %) of the screen.
  const reachTop = Math.round(shape.height * (1 - 320 / 708));

  const click = async (testid) => {
    const css = `[data-testid="${testid}"]`;
    await kiosk.waitFor(css);
    // Brought into view first, as a visitor would scroll to it.
    await kiosk.execute(`document.querySelector('${css}').scrollIntoView({ block: 'nearest' })`);
    await kiosk.click(css);
  };
  const screenIs = (name) =>
    waitUntil(`the ${name} screen`, () =>
      kiosk.execute(`return document.querySelector('main')?.dataset.screen === '${name}'`),
    );

  for (const textSize of SIZES) {
    const highContrast = textSize !== 'normal';
    // The visitor's own controls, from the profile's normal text and normal contrast.
    while ((await kiosk.attribute('[data-testid="larger-text"]', 'data-size')) !== textSize) {
      await click('larger-text');
    }
    if ((await kiosk.attribute('[data-testid="high-contrast"]', 'aria-pressed')) !== String(highContrast)) {
      await click('high-contrast');
    }

    /** Checks the screen shown, in the current language, then in the other one. */
    const check = async (name) => {
      await sleep(150);
      for (let pass = 0; pass < 2; pass++) {
        const label = `${name} ${textSize}${highContrast ? ' high-contrast' : ''} ${language}`;
        if (pass === 0) {
          writeFileSync(
            join(shotsDir, `${shape.name}-${textSize}-${name}.png`),
            await kiosk.screenshot(),
          );
        }
        checks++;
        for (const v of await axe(kiosk)) problems.push(`${label}: axe ${v}`);
        // Staff screens are for standing staff: no reach rule.
        const reach = portrait && !name.startsWith('maintenance') ? reachTop : 0;
        for (const p of await kiosk.execute(GEOMETRY, [reach])) problems.push(`${label}: ${p}`);
        language = language === 'vi' ? 'en' : 'vi';
        await click(`lang-${language}`);
        await sleep(100);
      }
    };

    await screenIs('home');
    await check('home');

    await click('action-take-number');
    await screenIs('choose-service');
    await check('fields');
    await click('field-0');
    await check('procedures');
    await click('back');
    await click('service-search');
    for (const key of 'khai') await click(`key-${key}`);
    await kiosk.waitFor('[data-testid="service-1.001193"]');
    await check('search');
    await click('home');

    // The longest official name of the demo, with its number button.
    await click('action-take-number');
    await click('field-1');
    await click('service-2.000815');
    await screenIs('confirm-ticket');
    await check('confirm-ticket');
    await click('confirm-take-number');
    await screenIs('ticket');
    await check('ticket');
    await click('ticket-done');

    await click('action-check-documents');
    await click('field-0');
    await click('service-1.001193');
    await screenIs('documents');
    await check('documents-cases');
    await click('case-0');
    await check('documents-checklist');
    await click('component-0');
    await click('documents-done');
    await screenIs('documents-verdict');
    await check('documents-verdict');
    await click('documents-apply-online');
    await screenIs('apply-online');
    await check('apply-online');
    await click('home');

    await click('action-appointment');
    await click('field-0');
    await click('service-1.001193');
    await screenIs('appointment-slots');
    await kiosk.waitFor('[data-testid^="time-"]:not([disabled])');
    await check('appointment-slots');
    const slot = await kiosk.execute(
      `return document.querySelector('[data-testid^="time-"]:not([disabled])').dataset.testid`,
    );
    await click(slot);
    await screenIs('appointment-phone');
    await check('appointment-phone');
    await click('home');

    await click('action-appointment');
    await click('have-booking');
    await screenIs('check-in');
    await check('check-in');
    await click('home');

    // Staff: the PIN, and once per shape the maintenance screen behind it.
    const office = await kiosk.waitFor('[data-testid="office"]');
    for (let i = 0; i < 5; i++) await kiosk.call('POST', `/element/${office}/click`, {});
    await screenIs('maintenance');
    await sleep(200);
    if ((await kiosk.findAll('[data-testid="pin-unlock"]')).length > 0) await check('maintenance-pin');
    if (!unlocked) {
      for (const digit of PIN) await click(`digit-${digit}`);
      await click('pin-unlock');
      await kiosk.waitFor('[data-testid="maintenance"]');
      await check('maintenance');
      unlocked = true;
    }
    await click('maintenance-close');
    await screenIs('home');
  }
  return problems;
}

// Not a test: walks the kiosk's screens and saves a screenshot of each into
// tests/e2e/output/, for a person to look at. `xvfb-run -a node tests/e2e/tour.mjs`
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, startDriver, stop, outputDir, sleep } from './harness.mjs';

const world = await startWorld();
const { driver, session: kiosk } = await startDriver(world.profile);
const shot = async (name) => writeFileSync(join(outputDir, `tour-${name}.png`), await kiosk.screenshot());
try {
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click('[data-testid="service-1.001193"]');
  await sleep(300);
  await shot('documents');
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="action-apply-online"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click('[data-testid="service-1.000894"]');
  await sleep(300);
  await shot('online');
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="action-appointment"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click('[data-testid="service-1.001193"]');
  await sleep(800);
  await shot('slots');
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="lang-en"]');
  await kiosk.click('[data-testid="action-take-number"]');
  await kiosk.click('[data-testid="field-1"]');
  await sleep(300);
  await shot('services-en');
} finally {
  await kiosk.quit();
  driver.kill();
  await stop(world.central.child);
}

// Not a test: walks the kiosk's screens and saves a screenshot of each into
// tests/e2e/output/, for a person to look at. `xvfb-run -a node tests/e2e/tour.mjs`
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorld, startDriver, stopWorld, outputDir, sleep } from './harness.mjs';

const world = await startWorld();
const { driver, session: kiosk } = await startDriver(world.profile);
const shot = async (name) => writeFileSync(join(outputDir, `tour-${name}.png`), await kiosk.screenshot());
const type = async (text) => {
  for (const key of text) {
    await kiosk.click(key === ' ' ? '[data-testid="key-space"]' : `[data-testid="key-${key}"]`);
  }
};
try {
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click('[data-testid="service-search"]');
  // Telex on the on-screen keyboard: "ddawng kys khai sinh" reads "đăng ký khai sinh".
  await type('ddawng kys khai sinh');
  await kiosk.waitFor('[data-testid="service-1.001193"]');
  await sleep(300);
  await shot('search-telex');
  await kiosk.click('[data-testid="service-1.001193"]');
  await sleep(300);
  await shot('documents');
  await kiosk.click('[data-testid="case-0"]');
  await kiosk.click('[data-testid="component-0"]');
  await sleep(300);
  await shot('documents-checklist');
  await kiosk.click('[data-testid="documents-done"]');
  await sleep(300);
  await shot('documents-missing');
  await kiosk.click('[data-testid="back"]');
  for (const i of [1, 2]) {
    await kiosk.execute(`document.querySelector('[data-testid="component-${i}"]').scrollIntoView()`);
    await kiosk.click(`[data-testid="component-${i}"]`);
  }
  await kiosk.click('[data-testid="documents-done"]');
  await sleep(300);
  await shot('documents-ready');
  await kiosk.click('[data-testid="documents-apply-online"]');
  await sleep(300);
  await shot('online-partial');
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="action-apply-online"]');
  await kiosk.click('[data-testid="field-0"]');
  await kiosk.click('[data-testid="service-1.004873"]');
  await sleep(300);
  await shot('online-full');
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
  await kiosk.click('[data-testid="home"]');
  await kiosk.click('[data-testid="action-check-documents"]');
  await kiosk.click('[data-testid="service-search"]');
  await type('copy');
  await kiosk.click('[data-testid="service-2.000815"]');
  await kiosk.click('[data-testid="case-0"]');
  await kiosk.click('[data-testid="component-0"]');
  await sleep(300);
  await shot('documents-en');
  await kiosk.click('[data-testid="documents-done"]');
  await sleep(300);
  await shot('verdict-en');
  // The checklist page a visitor's phone opens from the QR code.
  const checklist = await kiosk.attribute('[data-testid="checklist-qr"]', 'data-qr-text');
  writeFileSync(join(outputDir, 'tour-checklist-page.html'), await (await fetch(checklist)).text());
} finally {
  await kiosk.quit();
  driver.kill();
  await stopWorld(world);
}

// axe-core in a Playwright page, for every browser test of the central's pages: the
// WCAG 2.0 A and AA, 2.1 AA and 2.2 AA rules and axe's best practices, each violation
// told by its rule, its impact, where it is and what to fix.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets every page of the central must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core on the page as it stands; answers its violations, one entry per element:
 *  `{ rule, impact, target, summary, help }`. */
export async function axeViolations(page, { tags = AXE_TAGS } = {}) {
  // Given through the test's own channel: the pages' CSP rightly refuses an inline script.
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(source);
  const violations = await page.evaluate(async (runOnly) => {
    // eslint-disable-next-line no-undef
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: runOnly },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html })),
    }));
  }, tags);
  return violations.flatMap((v) =>
    v.nodes.map((n) => ({
      rule: v.rule,
      impact: v.impact,
      target: n.target,
      summary: `${v.help}. ${(n.summary ?? '').replace(/\s*\n\s*/g, ' ')}`,
      html: n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html,
    })),
  );
}

/** One line per violation: `rule (impact) at target: what to fix — <element>`. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.rule} (${v.impact}) at ${v.target}: ${v.summary} — ${v.html}`).join('\n');
}

/** Fails, naming every violation, unless axe-core finds none on the page. */
export async function assertAccessible(page, name) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${name}: ${violations.length} accessibility violations\n${describeViolations(violations)}`);
}

/** Fails when the page scrolls sideways at its width (WCAG 1.4.10 Reflow, which axe-core
 *  does not check): wide tables scroll inside their own box instead. */
export async function assertReflows(page, name) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${name} scrolls sideways: ${scrollWidth} px of content in ${clientWidth} px`);
}

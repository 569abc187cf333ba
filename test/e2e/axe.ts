/**
 * Accessibility checks with axe-core in the real browser: WCAG 2.1 A and AA and axe's best
 * practices. `expectNoAxeViolations(page, step)` runs axe on the whole page as it is now and
 * fails with one readable line per failing element (rule, impact, target, what to fix), so a
 * test can call it after every step of a flow.
 *
 * axe-core is put into each document once and run there directly. (@axe-core/playwright's
 * AxeBuilder injects its 1.5 MB source again on every run and opens an extra page for each
 * result: 5 to 10 times slower, too slow to check every step on a busy machine. The page has
 * no frames, which is all the builder would add.) Injected through the debugging protocol,
 * so a Content-Security-Policy on the page does not stand in its way.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

/** The violations as text: one block per rule, one line per element it failed on. */
export function describeViolations(violations: readonly axe.Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' ');
        const why = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
        return `    ${target}\n      ${n.html.slice(0, 200)}\n      ${why}`;
      });
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

export class AxeViolationsError extends Error {
  constructor(
    readonly step: string,
    readonly violations: readonly axe.Result[],
  ) {
    const count = violations.reduce((n, v) => n + v.nodes.length, 0);
    super(
      `axe: ${violations.length} rule(s) violated on ${count} element(s) at step "${step}":\n${describeViolations(violations)}`,
    );
    this.name = 'AxeViolationsError';
  }
}

const RUN_OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: [...AXE_TAGS] },
  resultTypes: ['violations'],
};

/** Runs axe on the page as it is now; its results. */
export async function runAxe(page: Page): Promise<axe.AxeResults> {
  if ((await page.evaluate('typeof window.axe?.run')) !== 'function') {
    await page.evaluate(axe.source);
  }
  return (await page.evaluate(
    `window.axe.run(document, ${JSON.stringify(RUN_OPTIONS)})`,
  )) as axe.AxeResults;
}

/** Runs axe on the page and throws an AxeViolationsError when anything is violated. */
export async function expectNoAxeViolations(page: Page, step: string): Promise<void> {
  const results = await runAxe(page);
  if (results.violations.length > 0) throw new AxeViolationsError(step, results.violations);
}

// An axe-core scan of the page as it is now, for the end-to-end tests:
// only serious and critical findings, each with where it was found.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { Page } from '@playwright/test';

const axeSource = readFileSync(
  createRequire(__filename).resolve('axe-core/axe.min.js'),
  'utf8',
);

export type Violation = { id: string; help: string; where: string[] };

/**
 * Serious and critical findings in the whole page, or only inside the
 * element `within` selects. The whole page skips the "region" rule: the
 * map canvas is a picture; its controls are checked as usual.
 */
export async function seriousViolations(
  page: Page,
  within?: string,
): Promise<Violation[]> {
  // Evaluated over the debugging protocol, so the page's CSP still holds.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async (selector) => {
    type Axe = {
      run: (
        context: Element | Document,
        options: object,
      ) => Promise<{
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[] }[];
        }[];
      }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const context =
      selector === null ? document : document.querySelector(selector);
    if (context === null) throw new Error(`nothing matches ${selector}`);

    return axe.run(context, {
      resultTypes: ['violations'],
      ...(selector === null ? { rules: { region: { enabled: false } } } : {}),
    });
  }, within ?? null);

  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      help: v.help,
      where: v.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

import { source as AXE_SOURCE } from 'axe-core';
import type { Page } from 'playwright-core';

/** The rules of WCAG 2.0 and 2.1, levels A and AA (axe-core's tags). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now and answers its
 * violations, one readable block per rule (empty when there are none).
 *
 * axe-core's source is evaluated through the DevTools protocol (`page.evaluate`), which the
 * page's Content-Security-Policy does not govern: no `<script>` element is added, no
 * `bypassCSP`, so the page is checked under its real, strict policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[], string[]>(async (tags) => {
    const w = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await w.axe.run(w.document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  }, WCAG_AA_TAGS);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unrated'}): ${v.help}\n  ${v.helpUrl}\n` +
      v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `  - ${n.target.map(String).join(' ')}: ${n.html.slice(0, 160)}` +
            (n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, '\n    ')}` : ''),
        )
        .join('\n') +
      (v.nodes.length > 5 ? `\n  … and ${v.nodes.length - 5} more` : ''),
  );
}

/** Fails, with the list of violations, when the page breaks any WCAG 2.0/2.1 A or AA rule. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length > 0) {
    throw new Error(
      `axe-core: ${found.length} WCAG 2.1 A/AA rule(s) broken on "${state}" (${page.url()}):\n` +
        found.join('\n'),
    );
  }
}

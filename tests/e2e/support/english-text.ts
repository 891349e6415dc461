import type { Page, Response } from 'playwright-core';

/**
 * The English an API answer carries for people to read, which a Vietnamese page must show in
 * Vietnamese instead: the `en` side of every bilingual text ({vi, en}), the English reason lines
 * (`reasons`), and the codes the pages must name in words (audit `action`s and `outcome`s, user
 * `role`s, trace event `type`s).
 */
export function englishOf(json: unknown, into: Set<string> = new Set()): Set<string> {
  const walk = (v: unknown, key: string | null) => {
    if (Array.isArray(v)) {
      for (const x of v) {
        if (key === 'reasons' && typeof x === 'string') into.add(x);
        else walk(x, key);
      }
      return;
    }
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'string' && key !== null && CODE_KEYS.has(key)) into.add(v);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.en === 'string' && typeof o.vi === 'string' && o.en !== o.vi) into.add(o.en);
    for (const [k, x] of Object.entries(o)) if (k !== 'en' && k !== 'vi') walk(x, k);
  };
  walk(json, null);
  return into;
}

const CODE_KEYS = new Set(['action', 'outcome', 'role', 'type']);

/** Collects, per page, the English of every JSON answer of the API it received. */
export function watchApiEnglish(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', (res: Response) => {
    const type = res.headers()['content-type'] ?? '';
    if (!new URL(res.url()).pathname.startsWith('/api/') || !type.includes('json')) return;
    res.json().then(
      (body: unknown) => englishOf(body, seen),
      () => undefined,
    );
  });
  return seen;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The English strings of `english` that the page's visible text contains as whole words, after
 * removing `names` (usernames, which may contain a role's name).
 */
export async function englishOnPage(
  page: Page,
  english: Iterable<string>,
  names: string[],
): Promise<string[]> {
  let text = await page.evaluate<string>('document.body.innerText');
  for (const n of names) text = text.split(n).join(' ');
  return [...english].filter(
    (s) =>
      s.trim().length > 2 &&
      new RegExp(`(^|[^\\p{L}\\p{N}_.])${escapeRe(s)}(?![\\p{L}\\p{N}_])`, 'u').test(text),
  );
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Paths the API answers itself; the console never shadows them (unknown ones stay 404 JSON). */
export const API_PREFIXES = ['/api', '/health', '/metrics', '/docs'] as const;

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some(
    (p) => path === p || path.startsWith(`${p}/`) || (p === '/docs' && path.startsWith('/docs-')),
  );
}

/** What to answer for a GET of a console path. */
export type ConsoleAnswer =
  { kind: 'file'; file: string; immutable: boolean } | { kind: 'index' } | { kind: 'not_found' };

/**
 * The built web console (`dist/console`, written by `vite build`), listed once at start. Requests
 * are answered from that list only, so no request path ever reaches the file system.
 */
export class ConsoleAssets {
  private readonly files: Set<string>;

  constructor(readonly root: string) {
    this.files = existsSync(join(root, 'index.html')) ? new Set(listFiles(root)) : new Set();
  }

  get built(): boolean {
    return this.files.size > 0;
  }

  resolve(path: string): ConsoleAnswer {
    if (!this.built || isApiPath(path)) return { kind: 'not_found' };
    let rel: string;
    try {
      rel = decodeURIComponent(path).replace(/^\/+/, '');
    } catch {
      return { kind: 'not_found' };
    }
    if (rel === 'index.html') return { kind: 'index' };
    if (this.files.has(rel)) {
      return { kind: 'file', file: rel, immutable: rel.startsWith('assets/') };
    }
    // A missing file (a name with an extension) is 404; anything else is a page of the app.
    const last = rel.split('/').pop() ?? '';
    return /\.[a-z0-9]+$/i.test(last) ? { kind: 'not_found' } : { kind: 'index' };
  }
}

function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(root, full));
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

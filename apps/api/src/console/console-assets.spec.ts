import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleAssets, isApiPath } from './console-assets';

describe('ConsoleAssets', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'console-assets-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), '');
    writeFileSync(join(root, '.hidden'), '');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers built files, hashed assets as immutable', () => {
    const a = new ConsoleAssets(root);
    expect(a.resolve('/assets/index-abc.js')).toEqual({
      kind: 'file',
      file: 'assets/index-abc.js',
      immutable: true,
    });
    expect(a.resolve('/favicon.svg')).toEqual({
      kind: 'file',
      file: 'favicon.svg',
      immutable: false,
    });
  });

  it("answers the app's own paths with index.html, missing files and dotfiles with 404", () => {
    const a = new ConsoleAssets(root);
    for (const p of ['/', '/login', '/cases/3f1c', '/index.html']) {
      expect(a.resolve(p)).toEqual({ kind: 'index' });
    }
    for (const p of ['/assets/gone.js', '/.hidden', '/../package.json', '/%E0%A4%A']) {
      expect(a.resolve(p).kind).toBe('not_found');
    }
  });

  it('never answers an API path, and answers nothing when the console is not built', () => {
    const a = new ConsoleAssets(root);
    for (const p of [
      '/api',
      '/api/tips',
      '/api/nope',
      '/health',
      '/metrics',
      '/docs',
      '/docs-json',
    ]) {
      expect(isApiPath(p)).toBe(true);
      expect(a.resolve(p).kind).toBe('not_found');
    }
    expect(isApiPath('/apiary')).toBe(false);
    const empty = new ConsoleAssets(join(root, 'nothing-here'));
    expect(empty.built).toBe(false);
    expect(empty.resolve('/').kind).toBe('not_found');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * docs/contract.md is a copy of the public contract that clients rely on, which lives beside the
 * repository in ../shared/CONTRACT.md. The copy is that file under one first line saying what it
 * is (and the blank line after it). When the original is not there (a clone without it), there is
 * nothing to compare with and the check is skipped, saying so.
 */
const ROOT = resolve(__dirname, '../../..');
const COPY = resolve(ROOT, 'docs/contract.md');
const ORIGINAL = resolve(ROOT, '../shared/CONTRACT.md');

const text = (file: string) => readFileSync(file, 'utf8').replace(/\r\n/g, '\n');

/** The copy without its first line and the blank line after it. */
function copyBody(copy: string): string {
  const [first, blank, ...rest] = copy.split('\n');
  if (!first.startsWith('> ') || blank !== '') {
    throw new Error(
      'docs/contract.md must start with one "> " line saying it is a copy, then a blank line',
    );
  }
  return rest.join('\n');
}

const hasOriginal = existsSync(ORIGINAL);
if (!hasOriginal) {
  // Printed once, so a clean run says why nothing was compared.
  console.warn(`contract copy: ${ORIGINAL} is not there, so docs/contract.md was not compared`);
}

describe('docs/contract.md', () => {
  it('says on its first line that it is a copy', () => {
    expect(() => copyBody(text(COPY))).not.toThrow();
  });

  (hasOriginal ? it : it.skip)(
    hasOriginal
      ? 'is the same as ../shared/CONTRACT.md under its first line'
      : 'is the same as ../shared/CONTRACT.md (skipped: ../shared/CONTRACT.md is not there)',
    () => {
      const copy = copyBody(text(COPY));
      const original = text(ORIGINAL);
      // The first differing line, so the failure says where to look.
      const a = copy.split('\n');
      const b = original.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      const where =
        copy === original
          ? ''
          : `docs/contract.md differs from ../shared/CONTRACT.md at its line ${(at === -1 ? a.length : at) + 3}: copy the original again under the first line`;
      expect(where).toBe('');
    },
  );
});

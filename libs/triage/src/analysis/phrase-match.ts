import { normalizeText } from './normalize';

/**
 * A text split into lower-case words, each kept both as written and folded. Folding alone merges
 * words that only their marks tell apart ('bên' side / 'bến' wharf, 'dạo' lately / 'dao' knife,
 * 'nghi' suspect / 'nghỉ' rest), so a phrase matches a written word exactly, and matches by its
 * folded form only where the tipster typed that word without any marks ('ben xe', 'nghi ngo').
 */
export interface MarkedWords {
  written: string[];
  folded: string[];
}

export interface Phrase {
  written: string[];
  folded: string[];
}

// Open syllables ending in 'oa', 'oe' or 'uy' carry their tone on either vowel, depending on the
// keyboard's spelling rule: 'hòa' or 'hoà', 'tóe' or 'toé', 'thủy' or 'thuỷ'. In NFD the tone
// mark follows its vowel; a word ending in the second vowel and a tone gets the tone moved onto
// the first, so both spellings are one word. ('qu' + 'y' is an onset and a vowel: 'quý' stays.)
const TONE_ON_SECOND = /^(.*?)(?<!q)([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])$/u;

function oneTonePlacement(word: string): string {
  const d = word.normalize('NFD');
  const m = TONE_ON_SECOND.exec(d);
  if (!m) return word;
  const [, head, medial, vowel, tone] = m;
  const glide = medial === 'o' ? vowel !== 'y' : vowel === 'y';
  if (!glide) return word;
  return `${head}${medial}${tone}${vowel}`.normalize('NFC');
}

function split(s: string): string[] {
  return s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map(oneTonePlacement);
}

// A word of plain lower-case ASCII letters and digits is its own folded form.
const PLAIN = /^[a-z0-9]+$/;

export function markedWords(text: string): MarkedWords {
  const written = split(text);
  return { written, folded: written.map((w) => (PLAIN.test(w) ? w : normalizeText(w))) };
}

export function phrase(p: string): Phrase {
  const written = split(p);
  return { written, folded: written.map(normalizeText) };
}

/** Phrases from a comma-separated list (line breaks allowed), empty entries dropped. */
export function phraseList(...lines: string[]): Phrase[] {
  return lines
    .flatMap((line) => line.split(','))
    .map(phrase)
    .filter((p) => p.written.length > 0);
}

function wordMatches(text: MarkedWords, i: number, p: Phrase, j: number, exact: boolean): boolean {
  const written = text.written[i];
  if (written === p.written[j]) return true;
  // Typed without marks: compare folded forms.
  return !exact && written === text.folded[i] && text.folded[i] === p.folded[j];
}

/**
 * True when `p` occurs in `text` at word `i`. `exact`: only as written, marks and all, for
 * phrases whose unmarked form is also a common other word ('tự tử' / 'từ từ' both fold to 'tu tu').
 */
export function matchesAt(text: MarkedWords, i: number, p: Phrase, exact = false): boolean {
  const n = p.written.length;
  if (n === 0 || i < 0 || i + n > text.written.length) return false;
  for (let j = 0; j < n; j++) if (!wordMatches(text, i + j, p, j, exact)) return false;
  return true;
}

/** The word positions where `p` starts in `text`, as whole consecutive words. */
export function occurrences(text: MarkedWords, p: Phrase, exact = false): number[] {
  const at: number[] = [];
  for (let i = 0; i + p.written.length <= text.written.length; i++) {
    if (matchesAt(text, i, p, exact)) at.push(i);
  }
  return at;
}

/** True when some word of `p` at `i` matched only by folding (typed without its marks). */
export function matchedUnmarked(text: MarkedWords, i: number, p: Phrase): boolean {
  return p.written.some((w, j) => text.written[i + j] !== w);
}

/** True when `p` occurs in `text` as whole consecutive words. */
export function mentions(text: MarkedWords, p: Phrase): boolean {
  for (let i = 0; i + p.written.length <= text.written.length; i++) {
    if (matchesAt(text, i, p)) return true;
  }
  return false;
}

export function countMentioned(text: MarkedWords, ps: readonly Phrase[]): number {
  return ps.filter((p) => mentions(text, p)).length;
}

export function mentionsAny(text: MarkedWords, ps: readonly Phrase[]): boolean {
  return ps.some((p) => mentions(text, p));
}

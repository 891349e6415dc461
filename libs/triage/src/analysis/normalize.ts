// Combining marks left behind by NFD (Vietnamese tone and vowel marks).
const COMBINING_MARKS = /\p{M}+/gu;
// Anything that is neither a letter nor a digit becomes a word break.
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Folds text for matching and for the pg_trgm column: lower case, Vietnamese diacritics removed
 * ('đ' → 'd'), punctuation turned into spaces, whitespace collapsed. Pure and idempotent.
 */
export function normalizeText(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      // 'đ' is a letter of its own, not a base letter plus a mark, so NFD leaves it alone.
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(NON_WORD, ' ')
      .trim()
  );
}

/** The normalized words of `s`, in order, duplicates kept. */
export function tokens(s: string): string[] {
  const n = normalizeText(s);
  return n === '' ? [] : n.split(' ');
}

/**
 * True when `phrase` (already normalized) occurs in `normalized` as whole words, so that
 * 'dao' does not fire inside 'daotao' and 'ma tuy' needs both words side by side.
 */
export function hasPhrase(normalized: string, phrase: string): boolean {
  return padWords(normalized).includes(padWords(phrase));
}

/**
 * Normalized text with a space at each end: a padded phrase occurs in a padded text exactly when
 * hasPhrase() holds, so text and phrases matched many times can be padded once.
 */
export function padWords(normalized: string): string {
  return ` ${normalized} `;
}

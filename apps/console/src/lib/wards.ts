/** Lower case, Vietnamese diacritics folded (đ → d), spaces squeezed: "Phường  13" → "phuong 13". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The ward an operator means by what they typed during a call: the exact name in any case or
 * without diacritics ("phuong 13"), or just its number ("13", "p13", "P.13", "phường 13"). Null
 * when nothing or more than one ward fits.
 */
export function resolveWard(input: string, wards: readonly string[]): string | null {
  const typed = fold(input);
  if (!typed) return null;
  const exact = wards.filter((w) => fold(w) === typed);
  if (exact.length === 1) return exact[0];
  const m = /^(?:p(?:huong)?\.?\s*)?0*(\d{1,3})$/.exec(typed);
  if (!m) return null;
  const byNumber = wards.filter((w) => {
    const n = /(\d+)\s*$/.exec(w);
    return n !== null && Number(n[1]) === Number(m[1]);
  });
  return byNumber.length === 1 ? byNumber[0] : null;
}

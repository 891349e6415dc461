import { normalizeText } from './normalize';
import { countMentioned, markedWords, mentionsAny, type MarkedWords } from './phrase-match';
import {
  AD_PHRASES,
  ANCHORS,
  DESCRIPTORS,
  HEDGES,
  REPORT_CONTEXT,
  STOPWORDS,
  TEST_WORDS,
  WEAK_REPORT_CONTEXT,
} from './quality-lexicon';

/** Clear junk: triage rejects it (a supervisor can restore it). */
export type SpamCode =
  | 'spam_symbols'
  | 'spam_advertising'
  | 'spam_repeated_chars'
  | 'spam_repeated_words'
  | 'spam_random'
  | 'spam_test'
  | 'spam_shouting';
/** Too vague to act on as it stands: a person reads it. */
export type VagueCode = 'vague_few_words' | 'vague_nothing_concrete' | 'vague_hedged';
/** Borderline: a person decides. */
export type UnsureCode = 'unsure_advertising';
export type QualityCode = SpamCode | VagueCode | UnsureCode;

export type QualityResult =
  | { ok: true }
  | { ok: false; reason: 'spam'; code: SpamCode; detail: string }
  | { ok: false; reason: 'too_vague'; code: VagueCode; detail: string }
  | { ok: false; reason: 'unsure'; code: UnsureCode; detail: string };

/** What the tip's other fields say: an address is a place, occurredAt a time. */
export interface QualityContext {
  address?: string | null;
  occurredAt?: Date | null;
}

// Every threshold below leans towards accepting: a real tip thrown away costs far more than a
// spam tip an officer closes in a few seconds. Spam signals only ever combine (two at least);
// none rejects a tip on its own. Only 'spam' is rejected without a person; 'too_vague' and
// 'unsure' go to a person's review.

const EMAIL = /[\p{L}\p{N}._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/giu;
const URL =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|vn|xyz|top|club|info|biz|io|me|bet|vip|link|fun|win)\b/gi;
// '@handle', 't.me/…'; e-mail addresses are removed before this runs.
const HANDLE = /(?<![\p{L}\p{N}])@[a-z0-9_.]{3,}|\bt\.me\//iu;
// A call to action right before a phone number: 'LH 0901…', 'Zalo: 0901…', 'gọi ngay 0901…'.
// 'liên hệ số 0901…' is how tipsters quote a number, so a word between the two breaks the match.
const CALL_TO_ACTION =
  /(?<!\p{L})(?:liên hệ|lien he|lh|gọi ngay|goi ngay|gọi|alo|inbox|ib|zalo|hotline|call|nhắn tin|nhắn)\s*[:.,-]?\s*(?:zalo\s*[:.,-]?\s*)?(?:\+?84|0)[\s.-]?\d/iu;
// Pay per day or per month, '88k', '100%': the money talk of job, loan and betting ads.
const MONEY_OFFER =
  /\d\s*(?:k|tr|triệu|nghìn|ngàn|đ|đồng|vnđ|vnd)?\s*\/\s*(?:ngày|tháng|tuần|giờ|day|month|week)(?!\p{L})|(?<![\p{L}\p{N}])\d+k(?!\p{L})|\d\s*%/iu;
const LOUD = /!{3,}|[💰🎁🔥💥🎰💸🤑]/u;
// A place word followed by a name or a number ('đường Tôn Đản', 'hẻm 12', 'chợ Xóm Chiếu'): the
// tip points at a scene. Ads give an address too, so this only raises the bar a little.
const LOCATED = new RegExp(
  `(?<!\\p{L})(?:${[
    'đường',
    'duong',
    'hẻm',
    'hem',
    'ngõ',
    'kiệt',
    'phố',
    'chợ',
    'cầu',
    'nhà số',
    'số nhà',
  ]
    .map((w) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`)
    .join('|')})\\s+(?:\\p{Lu}|\\d)`,
  'u',
);

// Vietnamese syllables (folded): optional onset, 1–3 vowels, optional coda.
const VI_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
// English words start with a single consonant or one of these clusters…
const EN_ONSET =
  /^(?:[aeiouy]|sch|scr|shr|spl|spr|squ|str|thr|bl|br|ch|cl|cr|dr|dw|fl|fr|gh|gl|gn|gr|kl|kn|kr|ph|pl|pr|ps|qu|sc|sh|sk|sl|sm|sn|sp|st|sw|th|tr|tw|wh|wr|[bcdfghjklmnprstvwxz][aeiouy])/;
// …and only these consonant pairs occur inside them; 'q' needs a 'u'.
const EN_CONSONANT_PAIRS = new Set(
  (
    'bb bl br bs bt ch ck cl cr ct cs dd dg dl dm dn dr ds dv dw ff fl fr fs ft gg gh gl gm gn gr ' +
    'gs hl hm hn hr hs ht kl kn ks kw lb lc ld lf lg lk ll lm ln lp ls lt lv lw mb ml mm mn mp ms ' +
    'nc nd nf ng nj nk nl nn ns nt nv nw nz ph pl pm pn pp pr ps pt qu rb rc rd rf rg rh rk rl rm ' +
    'rn rp rr rs rt rv rw sc sh sk sl sm sn sp sq ss st sw tc th tl tm tn tr ts tt tw tz wb wd wf ' +
    'wk wl wm wn wr ws wt xc xp xt zz'
  ).split(' '),
);

function spam(code: SpamCode, detail: string): QualityResult {
  return { ok: false, reason: 'spam', code, detail };
}

function vague(code: VagueCode, detail: string): QualityResult {
  return { ok: false, reason: 'too_vague', code, detail };
}

function isEnglishLike(w: string): boolean {
  if (!/[aeiouy]/.test(w) || !EN_ONSET.test(w) || /q(?!u)/.test(w)) return false;
  if (/[^aeiouy]{4,}/.test(w) || /[aeiou]{4,}/.test(w)) return false;
  for (let i = 0; i + 1 < w.length; i++) {
    const pair = w.slice(i, i + 2);
    if (!/[aeiouy]/.test(pair) && !EN_CONSONANT_PAIRS.has(pair)) return false;
  }
  return true;
}

function isWordLike(folded: string): boolean {
  return VI_SYLLABLE.test(folded) || isEnglishLike(folded);
}

// A capitalised word that does not open a sentence names someone or somewhere ('Xóm Chiếu',
// 'Honda'). Text written all in capitals says nothing this way.
function namesSomething(raw: string): boolean {
  return raw.split(/[.!?:;\n]+/).some((sentence) =>
    sentence
      .trim()
      .split(/\s+/)
      .slice(1)
      .some((w) => /^\p{Lu}\p{Ll}/u.test(w)),
  );
}

function adSignals(raw: string, marked: MarkedWords): number {
  const withoutEmails = raw.replace(EMAIL, ' ');
  return (
    countMentioned(marked, AD_PHRASES) +
    Math.min((withoutEmails.match(URL) ?? []).length, 2) +
    (HANDLE.test(withoutEmails) ? 1 : 0) +
    (CALL_TO_ACTION.test(raw) ? 1 : 0) +
    (MONEY_OFFER.test(raw) ? 1 : 0) +
    (LOUD.test(raw) ? 1 : 0)
  );
}

/**
 * Conservative screen for spam, for tips too vague to act on, and for tips it cannot tell apart
 * from advertising. Details are English and never quote the tip. `normalized`:
 * normalizeText(description), when the caller has it already; `context`: the tip's address and
 * event time, which anchor a short description.
 */
export function assessQuality(
  description: string,
  normalized?: string,
  context?: QualityContext,
): QualityResult {
  const raw = description.normalize('NFC');
  // normalizeText() starts from NFD, which is the same for the text and its NFC form.
  const text = normalized ?? normalizeText(raw);
  const words = text === '' ? [] : text.split(' ');
  const marked = markedWords(raw);
  const informative = words.filter((w) => !STOPWORDS.has(w));

  // Symbol soup: mostly characters that are neither letters nor digits.
  const visible = raw.replace(/\s+/g, '');
  const alnum = (visible.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (visible.length >= 10 && alnum / visible.length < 0.4) {
    return spam('spam_symbols', 'The description is mostly symbols.');
  }

  // Advertising: distinct ad signals, two at least, three when the text points at a scene (ads
  // give an address too). A text that also reads as a report is never rejected for them: scam
  // victims quote the ad that fooled them, neighbours name the loan shark or the betting den.
  // With a crime named as a crime it passes unless it is thick with ad signals; with only words
  // that ads use too ('bị', 'mất', 'quảng cáo'), a person decides.
  const ads = adSignals(raw, marked);
  if (ads >= (LOCATED.test(raw) ? 3 : 2)) {
    const reported = mentionsAny(marked, REPORT_CONTEXT);
    if (!reported && !mentionsAny(marked, WEAK_REPORT_CONTEXT)) {
      return spam('spam_advertising', 'The description reads as advertising or promotion.');
    }
    if (!reported || ads >= 5) {
      return {
        ok: false,
        reason: 'unsure',
        code: 'unsure_advertising',
        detail: 'The description reads partly as advertising and partly as a report.',
      };
    }
  }

  // Stretched characters ("aaaaaa", "!!!!!!") covering a large share of the text.
  const stretched = (visible.match(/(\D)\1{3,}/gu) ?? []).join('').length;
  if (visible.length > 0 && stretched / visible.length >= 0.3) {
    return spam('spam_repeated_chars', 'The description is mostly repeated characters.');
  }

  // One word hammered over and over ("alo alo alo alo alo").
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  if (
    words.length >= 5 &&
    ((top >= 5 && top / words.length >= 0.5) ||
      (words.length >= 10 && counts.size / words.length < 0.25))
  ) {
    return spam('spam_repeated_words', 'The description is mostly repeated words.');
  }

  // Keyboard mashing: most longer letter-only words are neither Vietnamese syllables nor
  // shaped like English words.
  const assessed = words.filter((w) => w.length >= 3 && /^[a-z]+$/.test(w));
  if (assessed.length >= 3 && assessed.filter(isWordLike).length / assessed.length < 0.5) {
    return spam('spam_random', 'The description looks like random characters.');
  }

  // Anchors say where or when; descriptors say what. Digits are house numbers, times, ages,
  // plates or phone numbers. The tip's address field places it; its event time dates it.
  const hasAddress = (context?.address ?? '').trim() !== '';
  const hasTime =
    context?.occurredAt instanceof Date && !Number.isNaN(context.occurredAt.getTime());
  const anchored =
    hasAddress || /\p{N}/u.test(raw) || namesSomething(raw) || mentionsAny(marked, ANCHORS);
  const concrete = anchored || hasTime || mentionsAny(marked, DESCRIPTORS);

  // Folding merges some content words into stopwords ('cờ' → 'co', 'ổ' → 'o'), so a text that
  // names something concrete gets by with three informative words; longer texts pass even without
  // a recognised element, because our word lists cannot be complete.
  const tooFewWords = informative.length < 3 || (!concrete && informative.length < 4);
  const nothingConcrete = !concrete && informative.length < 8;
  // "Something is going on here, people are gathering": an action, but hedged and nowhere.
  const nowhere = !anchored && mentionsAny(marked, HEDGES);
  const tooVague = tooFewWords || nothingConcrete || nowhere;

  if (tooVague) {
    // Text that says nothing is spam when it is a form test or a repeated word, not a vague tip.
    const testWords = countMentioned(marked, TEST_WORDS);
    if (testWords >= 2 || (testWords >= 1 && informative.length <= 2)) {
      return spam('spam_test', 'The description looks like a test message.');
    }
    if (words.length >= 3 && top >= 3 && counts.size / words.length <= 0.5) {
      return spam('spam_repeated_words', 'The description is mostly repeated words.');
    }
  }

  // Shouting: nearly all capitals and nothing to act on. A short all-caps tip that does name
  // something (older tipsters often type in capitals) is judged like any other.
  const letters = raw.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 8 && upper / letters.length >= 0.8 && tooVague) {
    return spam(
      'spam_shouting',
      'The description is written in capitals without concrete content.',
    );
  }

  if (tooFewWords) {
    return vague('vague_few_words', 'The description has too few informative words to act on.');
  }
  if (nothingConcrete) {
    return vague(
      'vague_nothing_concrete',
      'The description names no place, time, object or action.',
    );
  }
  if (nowhere) {
    return vague('vague_hedged', 'The description hedges and names no place or time.');
  }
  return { ok: true };
}

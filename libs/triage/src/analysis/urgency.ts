import { normalizeText } from './normalize';
import {
  markedWords,
  matchedUnmarked,
  matchesAt,
  phraseList,
  type MarkedWords,
  type Phrase,
} from './phrase-match';
import {
  FICTION,
  HABITUAL,
  HAND_IN,
  HEARSAY,
  HERE,
  NEAR,
  NEGATION,
  NEGATION_EN,
  NOW,
  NOW_WEAK,
  PAST,
  RESOLVED,
  STILL,
  TERMS,
  THREAT,
  URGENT_SIGNALS,
  type UrgentSignal,
} from './urgency-lexicon';

export { URGENT_SIGNALS, type UrgentSignal } from './urgency-lexicon';

export interface UrgencyResult {
  /** True when the text names an immediate threat to life or safety. */
  urgent: boolean;
  /** What kinds of threat, each once, in URGENT_SIGNALS order. */
  signals: UrgentSignal[];
}

// Recall comes first: a missed threat to life costs far more than an officer reading a false
// alarm. The word lists only keep out what is plainly another meaning (a gambling den's 'đánh',
// sold-out 'cháy hàng', a toy 'súng', a film's killing) and what the text itself places in the
// past or hears from others.

/**
 * The tip's words, each with the number of the sentence it is in: a phrase never runs across a
 * full stop ("…vẫn đang đánh. Tôi có thể…" is no 'đánh tôi').
 */
interface Text extends MarkedWords {
  sentence: number[];
}

const SENTENCE_BREAK = /[.!?;:\n]+/;

function sentences(description: string): Text {
  const text: Text = { written: [], folded: [], sentence: [] };
  description.split(SENTENCE_BREAK).forEach((part, n) => {
    const words = markedWords(part);
    text.written.push(...words.written);
    text.folded.push(...words.folded);
    for (let i = 0; i < words.written.length; i++) text.sentence.push(n);
  });
  return text;
}

/** True when `p` matches at `i`, all of it inside sentence `n`. */
function inSentence(text: Text, i: number, p: Phrase, n: number, exact: boolean): boolean {
  return (
    i >= 0 &&
    text.sentence[i] === n &&
    text.sentence[i + p.written.length - 1] === n &&
    matchesAt(text, i, p, exact)
  );
}

interface Entry<T> {
  phrase: Phrase;
  exact: boolean;
  tag: T;
}

/**
 * Phrases looked up by their first word, so a text is read once whatever the number of phrases
 * (a match needs the first words' folded forms to agree, with marks or without).
 */
class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  readonly entries: Entry<T>[];

  constructor(entries: Entry<T>[]) {
    this.entries = entries;
    for (const e of entries) {
      const key = e.phrase.folded[0];
      const list = this.byFirst.get(key);
      if (list) list.push(e);
      else this.byFirst.set(key, [e]);
    }
  }

  /** Every match that stays within one sentence, in text order. */
  matches(text: Text): { at: number; entry: Entry<T> }[] {
    const out: { at: number; entry: Entry<T> }[] = [];
    this.scan(text, (at, entry) => {
      out.push({ at, entry });
      return false;
    });
    return out;
  }

  some(text: Text): boolean {
    return this.scan(text, () => true);
  }

  /** Visits the matches in text order until `stop` answers true; answers whether it did. */
  private scan(text: Text, stop: (at: number, entry: Entry<T>) => boolean): boolean {
    for (let i = 0; i < text.written.length; i++) {
      const entries = this.byFirst.get(text.folded[i]);
      if (!entries) continue;
      for (const entry of entries) {
        if (inSentence(text, i, entry.phrase, text.sentence[i], entry.exact) && stop(i, entry))
          return true;
      }
    }
    return false;
  }

  /** True when a phrase ends right before word `i`, in the same sentence. */
  endsBefore(text: Text, i: number): boolean {
    const n = text.sentence[i];
    return this.entries.some((e) =>
      inSentence(text, i - e.phrase.written.length, e.phrase, n, e.exact),
    );
  }

  /** True when a phrase starts at word `i`, continuing the sentence of word `i - 1`. */
  startsAt(text: Text, i: number): boolean {
    const n = text.sentence[i - 1];
    return this.entries.some((e) => inSentence(text, i, e.phrase, n, e.exact));
  }
}

function index<T>(s: { phrases?: string; exact?: string }, tag: T): Entry<T>[] {
  return [
    ...phraseList(s.phrases ?? '').map((phrase) => ({ phrase, exact: false, tag })),
    ...phraseList(s.exact ?? '').map((phrase) => ({ phrase, exact: true, tag })),
  ];
}

function wordSet(s: { phrases?: string; exact?: string }): PhraseIndex<null> {
  return new PhraseIndex(index(s, null));
}

interface Term {
  signal: UrgentSignal;
  lasting: boolean;
  weak: boolean;
  notFollowedBy: PhraseIndex<null>;
  notPrecededBy: PhraseIndex<null>;
  unmarkedNotFollowedBy: PhraseIndex<null>;
  unmarkedNotPrecededBy: PhraseIndex<null>;
}

const TERM_INDEX = new PhraseIndex<Term>(
  TERMS.flatMap((t) =>
    index(t, {
      signal: t.signal,
      lasting: t.lasting ?? false,
      weak: t.weak ?? false,
      notFollowedBy: wordSet({ phrases: t.notFollowedBy }),
      notPrecededBy: wordSet({ phrases: t.notPrecededBy }),
      unmarkedNotFollowedBy: wordSet({ phrases: t.unmarkedNotFollowedBy }),
      unmarkedNotPrecededBy: wordSet({ phrases: t.unmarkedNotPrecededBy }),
    }),
  ),
);

interface NearSide {
  rule: number;
  side: 0 | 1;
  notFollowedBy: PhraseIndex<null>;
  notPrecededBy: PhraseIndex<null>;
}

const NEAR_INDEX = new PhraseIndex<NearSide>(
  NEAR.flatMap((n, rule) => {
    const notFollowedBy = wordSet({ phrases: n.notFollowedBy });
    const notPrecededBy = wordSet({ phrases: n.notPrecededBy });
    return [
      ...index(
        { phrases: n.first, exact: n.firstExact },
        { rule, side: 0 as const, notFollowedBy, notPrecededBy },
      ),
      ...index(
        { phrases: n.second, exact: n.secondExact },
        { rule, side: 1 as const, notFollowedBy, notPrecededBy },
      ),
    ];
  }),
);

const NOW_SET = wordSet(NOW);
const NOW_WEAK_SET = wordSet(NOW_WEAK);
const HERE_SET = wordSet(HERE);
const PAST_SET = wordSet(PAST);
const HEARSAY_SET = wordSet(HEARSAY);
const STILL_SET = wordSet(STILL);
const RESOLVED_SETS = RESOLVED.map((r) => ({
  signal: r.signal,
  phrases: new PhraseIndex(
    index({ phrases: r.phrases }, { notFollowedBy: wordSet({ phrases: r.notFollowedBy }) }),
  ),
}));
const HABITUAL_SET = wordSet(HABITUAL);
const FICTION_SET = wordSet(FICTION);
const HAND_IN_SET = wordSet(HAND_IN);
const THREAT_SET = wordSet(THREAT);
const NEGATION_SET = wordSet(NEGATION);
const NEGATION_EN_SET = wordSet(NEGATION_EN);

// A date written out ("ngày 14/1", "14/1/2023", "năm 2019", "in 2019"; not a year of birth):
// formal reports date what has happened.
const DATED =
  /(?:^| )ngay \d{1,2} \d{1,2}(?: |$)|(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/])|(?:^| )(?<!sinh |born )(?:nam|in) (?:19|20)\d\d(?: |$)/;

// "5 ngày trước", "cách đây 2 tuần": a count of days or more before now.
const DAYS_AGO =
  /(?:^| )(?:cach day )?(?:\d+|mot|hai|ba|bon|nam|vai|may) (?:ngay|hom|tuan|thang|nam) (?:truoc|roi)(?: |$)|(?:^| )cach day (?:\d+|mot|hai|ba|bon|nam|vai|may) (?:ngay|hom|tuan|thang|nam)(?: |$)/;

interface Context {
  /** Says it is happening now, strongly enough to outweigh a past-time word. */
  now: boolean;
  /** Says it is happening now or here, in words that also narrate the past. */
  nowWeak: boolean;
  /** Places the event a day or more back, or in someone else's story. */
  past: boolean;
  /** A pattern rather than one moment, or a dated account: present tense alone outweighs it. */
  habitual: boolean;
  /** A threat is being made (a robbery, "dọa"): a weapon named in it is being shown. */
  threat: boolean;
  fiction: boolean;
  handIn: boolean;
}

/** False when a term of this kind does not count in this text. */
function counts(ctx: Context, lasting: boolean, weak: boolean): boolean {
  const present = ctx.now || (ctx.nowWeak && !ctx.past);
  if (ctx.fiction && !present) return false;
  if (weak && !present && !(ctx.threat && !ctx.past && !ctx.habitual)) return false;
  if (lasting) return true;
  if (ctx.past) return ctx.now;
  if (ctx.habitual) return ctx.now || ctx.nowWeak;
  return true;
}

// Words that may stand between a negation and what it denies: "không ai bị thương nặng" denies
// 'thương nặng' as much as 'bị thương nặng'.
const AUXILIARIES = new Set(['bi', 'duoc', 'co', 'is', 'was', 'were', 'are', 'got', 'been', 'be']);

/**
 * True when a negation ends right before word `i`, or before one or two auxiliaries before it.
 * English negations deny only English phrases: before a Vietnamese phrase, 'no' is 'nó' typed
 * without marks ("no co dao": he has a knife).
 */
function negatedAt(text: Text, i: number, p: Phrase): boolean {
  const vietnamese = p.written.some((w, j) => w !== p.folded[j]);
  for (let at = i, skipped = 0; at > 0 && text.sentence[at - 1] === text.sentence[i]; at--) {
    if (NEGATION_SET.endsBefore(text, at)) return true;
    if (!vietnamese && NEGATION_EN_SET.endsBefore(text, at)) return true;
    if (skipped++ === 2 || !AUXILIARIES.has(text.folded[at - 1])) return false;
  }
  return false;
}

/** True when the match of `p` at `i` keeps its meaning in its surroundings. */
function standsAt(text: Text, i: number, p: Phrase, t: Term): boolean {
  const end = i + p.written.length;
  if (t.notFollowedBy.startsAt(text, end) || t.notPrecededBy.endsBefore(text, i)) return false;
  if (
    matchedUnmarked(text, i, p) &&
    (t.unmarkedNotFollowedBy.startsAt(text, end) || t.unmarkedNotPrecededBy.endsBefore(text, i))
  ) {
    return false;
  }
  // A phrase that starts with a negation ('không thở') is checked before that negation.
  return !negatedAt(text, i, p);
}

/** Like standsAt, for one side of a NEAR rule. */
function nearStandsAt(text: Text, i: number, p: Phrase, side: NearSide): boolean {
  const end = i + p.written.length;
  if (side.notFollowedBy.startsAt(text, end) || side.notPrecededBy.endsBefore(text, i)) {
    return false;
  }
  return !negatedAt(text, i, p);
}

/**
 * Whether a tip's text names an immediate threat to life or safety: a weapon or explosive used
 * or shown, a kidnapping, a missing or endangered child, a suicide attempt or threat, violence or
 * a fire going on, someone trapped or badly hurt. Vietnamese and English, with or without marks,
 * however short. `normalized`: normalizeText(description), when the caller has it already.
 */
export function assessUrgency(description: string, normalized?: string): UrgencyResult {
  const text = sentences(description);
  const folded = normalized ?? normalizeText(description);
  const presentTense = NOW_WEAK_SET.some(text);
  const still = STILL_SET.some(text);
  // Hearsay places an event in someone else's story, unless the text says it is going on: "nghe
  // nói còn người kẹt trong nhà" tells of people trapped now, only not seen by the tipster. A
  // place ("ở đây") does not: "nghe nói năm đó ở đây có vụ…".
  const hearsay = HEARSAY_SET.some(text) && !presentTense && !still;
  const ctx: Context = {
    now: NOW_SET.some(text),
    nowWeak: presentTense || HERE_SET.some(text),
    past: PAST_SET.some(text) || hearsay || DAYS_AGO.test(folded),
    habitual: HABITUAL_SET.some(text) || DATED.test(folded) || DATED.test(description),
    threat: THREAT_SET.some(text),
    fiction: FICTION_SET.some(text),
    handIn: HAND_IN_SET.some(text),
  };

  // A fire put out, a fight broken up: that signal is over unless something says it goes on.
  const over = new Set<UrgentSignal>();
  if (!ctx.now && !still) {
    for (const r of RESOLVED_SETS) {
      for (const { at, entry } of r.phrases.matches(text)) {
        const end = at + entry.phrase.written.length;
        if (!entry.tag.notFollowedBy.startsAt(text, end) && !negatedAt(text, at, entry.phrase)) {
          over.add(r.signal);
        }
      }
    }
  }

  const found = new Set<UrgentSignal>();
  for (const { at, entry } of TERM_INDEX.matches(text)) {
    const t = entry.tag;
    if (found.has(t.signal) || !counts(ctx, t.lasting, t.weak)) continue;
    if (ctx.handIn && (t.signal === 'weapon_in_use' || t.signal === 'explosive')) continue;
    if (standsAt(text, at, entry.phrase, t)) found.add(t.signal);
  }

  // Two kinds of words close together: spans of each side, per rule, with their sentence.
  const spans = NEAR.map(() => [[], []] as [number, number, number][][]);
  for (const { at, entry } of NEAR_INDEX.matches(text)) {
    if (!nearStandsAt(text, at, entry.phrase, entry.tag)) continue;
    spans[entry.tag.rule][entry.tag.side].push([
      at,
      at + entry.phrase.written.length,
      text.sentence[at],
    ]);
  }
  NEAR.forEach((n, rule) => {
    if (found.has(n.signal) || !counts(ctx, n.lasting, false)) return;
    if (ctx.handIn && (n.signal === 'weapon_in_use' || n.signal === 'explosive')) return;
    const [a, b] = spans[rule];
    const close = a.some(([as, ae, an]) =>
      b.some(
        ([bs, be, bn]) =>
          (!n.sameSentence || an === bn) &&
          ((bs >= ae && bs - ae <= n.gap) || (!n.ordered && as >= be && as - be <= n.gap)),
      ),
    );
    if (close) found.add(n.signal);
  });

  const signals = URGENT_SIGNALS.filter((s) => found.has(s) && !over.has(s));
  return { urgent: signals.length > 0, signals };
}

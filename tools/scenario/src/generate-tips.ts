/**
 * Generates the 1,200 tips District 4 received in 2023, with ground truth.
 *
 * The year is built event-first: every original tip reports one real-world event with its own
 * concrete details (house number on a street, plate, phone, a person's description). Some events
 * are reported again by other citizens (duplicates, sharing at least one detail), some events are
 * "hard negatives" (same category, ward, street and day as another event, but different details),
 * and spam and too-vague tips are mixed in. Tips are then sorted by receipt and numbered.
 */
import { CATEGORIES, type Category, type Channel } from '@app/contracts';
import { Rng } from './prng';
import {
  CLOSINGS,
  DETAIL_SENTENCES,
  OPENINGS,
  SPAM_TEMPLATES,
  STORIES,
  VAGUE_TEMPLATES,
  isFirstPerson,
} from './tip-templates';
import {
  DAY,
  HOUR,
  MINUTE,
  clamp,
  fromLocal,
  iso,
  localDayKey,
  localParts,
  yearBounds,
} from './time';
import type { GenerateTipsOptions, ImportTip, ScenarioTip, TruthKind } from './types';
import {
  AMOUNTS,
  DISTRICT4_STREETS,
  ESCAPE_ROUTES,
  ITEMS,
  LANDMARKS,
  UniqueRegistry,
  asciiSlug,
  formatPhone,
  personDescription,
  vietName,
} from './vi-data';

export const DEFAULT_SEED = 20240108; // the day District 4 presented its 2023 review
export const DEFAULT_YEAR = 2023;
export const DEFAULT_TOTAL = 1200;

/** Shares of the year's tips that are not first reports of a real event. */
export const TIP_MIX = {
  spam: 0.04,
  vague: 0.04,
  duplicate: 0.09,
  hardNegativeOfOriginals: 0.025,
} as const;

const CATEGORY_WEIGHTS: Record<Category, number> = {
  theft: 17,
  robbery: 8,
  assault: 8,
  homicide: 1.3,
  drugs: 12,
  weapons: 7,
  gambling: 8,
  fraud: 8,
  public_disorder: 10,
  domestic_violence: 4,
  child_abuse: 1.5,
  human_trafficking: 1,
  traffic: 8,
  fire_safety: 5,
  other: 3.5,
};

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['hotline', 30],
  ['walk_in', 14],
  ['web', 17],
  ['app', 26],
  ['patrol', 17],
];

/** What a "Tổ Nhân dân tuần tra" sees on a night round; they do not report frauds or family matters. */
const PATROL_CATEGORIES = new Set<Category>([
  'theft',
  'robbery',
  'assault',
  'homicide',
  'drugs',
  'weapons',
  'gambling',
  'public_disorder',
  'traffic',
  'fire_safety',
  'other',
]);

/** Visible events (a fire, a fight, a crash) get reported by several people; frauds rarely. */
const DUPLICATE_WEIGHTS: Partial<Record<Category, number>> = {
  robbery: 2,
  assault: 2,
  homicide: 3,
  fire_safety: 2.5,
  traffic: 2,
  public_disorder: 2,
  drugs: 0.6,
  gambling: 0.8,
  fraud: 0.4,
  human_trafficking: 0.5,
  child_abuse: 0.5,
};

const HARD_NEGATIVE_CATEGORIES: Category[] = [
  'theft',
  'robbery',
  'assault',
  'drugs',
  'gambling',
  'public_disorder',
  'traffic',
];

/** Relative activity per local hour; a tip line is busiest in the evening. */
const HOURS_GENERAL = [
  2, 1.5, 1, 0.6, 0.5, 0.8, 1.5, 2.5, 3, 3, 3, 3, 2.5, 2.5, 3, 3, 3.5, 4, 4.5, 5, 5, 5, 4, 3,
];
const HOURS_WALK_IN = [0, 0, 0, 0, 0, 0, 0, 3, 4, 4, 4, 3, 1, 2, 4, 4, 4, 2, 0, 0, 0, 0, 0, 0];
const HOURS_ONLINE = [
  2, 1.5, 1, 0.5, 0.3, 0.5, 1, 2, 2.5, 2.5, 2.5, 2.5, 3, 2.5, 2.5, 2.5, 2.5, 3, 3.5, 4.5, 5, 5.5, 5,
  3.5,
];
/** Citizen patrols walk in the evening and late night, with a few early-morning rounds. */
const HOURS_PATROL = [3, 2, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 5, 5, 4];

function hourWeights(channel: Channel): number[] {
  switch (channel) {
    case 'walk_in':
      return HOURS_WALK_IN;
    case 'patrol':
      return HOURS_PATROL;
    case 'web':
    case 'app':
      return HOURS_ONLINE;
    case 'hotline':
      return HOURS_GENERAL;
  }
}

interface Details {
  street: string;
  addr: string;
  landmark: string;
  veh: string;
  plate: string;
  /** Digits only; formatted differently by each report. */
  phone: string;
  person: string;
  n: string;
  item: string;
  amount: string;
  escape: string;
}

type SharedDetail = 'addr' | 'plate' | 'phone';

interface EventDraft {
  category: Category;
  ward: string;
  handIn: boolean;
  /** Index into STORIES[category]: what happened. Every report of the event tells this story. */
  story: number;
  occurredMs: number;
  details: Details;
  first?: TipDraft;
  /** Core sentence of the first report, reused by a "same wording" duplicate. */
  firstCore?: string;
  firstTemplate?: number;
  firstUsed?: Set<string>;
  duplicates: number;
  /** At most one later report reuses the first report's words. */
  wordingReused?: boolean;
}

interface TipDraft {
  seq: number;
  kind: TruthKind;
  event: EventDraft | null;
  receivedMs: number;
  channel: Channel;
  category: Category;
  ward: string;
  description: string;
  occurredMs?: number;
  address?: string;
  anonymous: boolean;
  tipster?: { name?: string; phone?: string; email?: string };
}

interface Ctx {
  rng: Rng;
  uniq: UniqueRegistry;
  year: number;
  bounds: { start: number; end: number };
  wards: string[];
  district: string;
  streetsByWard: Map<string, string[]>;
  dayWeights: Array<readonly [number, number]>;
  seq: number;
}

export function generateYearTips(opts: GenerateTipsOptions): ScenarioTip[] {
  const year = opts.year ?? DEFAULT_YEAR;
  const total = opts.total ?? DEFAULT_TOTAL;
  const wards = [...opts.wards];
  if (wards.length === 0) throw new Error('generateYearTips: wards must not be empty');
  if (!Number.isInteger(total) || total < 20)
    throw new Error('generateYearTips: total must be an integer >= 20');

  const rng = new Rng(opts.seed ?? DEFAULT_SEED);
  const ctx: Ctx = {
    rng,
    uniq: new UniqueRegistry(),
    year,
    bounds: yearBounds(year),
    wards,
    district: opts.district ?? 'Quận 4',
    streetsByWard: assignStreets(rng, wards),
    dayWeights: dayWeights(year),
    seq: 0,
  };

  const spamCount = Math.round(total * TIP_MIX.spam);
  const vagueCount = Math.round(total * TIP_MIX.vague);
  const duplicateCount = Math.round(total * TIP_MIX.duplicate);
  const originalCount = total - spamCount - vagueCount - duplicateCount;
  const hardNegativeCount = Math.round(originalCount * TIP_MIX.hardNegativeOfOriginals);

  const events: EventDraft[] = [];
  for (let i = 0; i < originalCount - hardNegativeCount; i++) events.push(newEvent(ctx));
  for (let i = 0; i < hardNegativeCount; i++) {
    const bases = events.filter((e) => !e.handIn && HARD_NEGATIVE_CATEGORIES.includes(e.category));
    events.push(hardNegativeOf(ctx, rng.pick(bases)));
  }

  const drafts: TipDraft[] = events.map((e) => {
    if (!e.first) throw new Error('event without a first report');
    return e.first;
  });
  drafts.push(...makeDuplicates(ctx, events, duplicateCount));
  for (let i = 0; i < spamCount; i++) drafts.push(spamTip(ctx));
  for (let i = 0; i < vagueCount; i++) drafts.push(vagueTip(ctx));

  drafts.sort((a, b) => a.receivedMs - b.receivedMs || a.seq - b.seq);
  const refOf = new Map<TipDraft, string>();
  drafts.forEach((d, i) => refOf.set(d, `Q4-${year}-${String(i + 1).padStart(5, '0')}`));
  const eventIdOf = new Map<EventDraft, string>();
  for (const d of drafts) {
    if (d.kind === 'original' && d.event) {
      eventIdOf.set(d.event, `EV-${year}-${String(eventIdOf.size + 1).padStart(4, '0')}`);
    }
  }

  return drafts.map((d): ScenarioTip => {
    const first = d.kind === 'duplicate' && d.event?.first ? refOf.get(d.event.first) : undefined;
    const tip: ScenarioTip = {
      externalRef: refOf.get(d) ?? '',
      channel: d.channel,
      category: d.category,
      ward: d.ward,
      description: d.description,
      receivedAt: iso(d.receivedMs),
      anonymous: d.anonymous,
      truth: {
        kind: d.kind,
        eventId: d.event ? (eventIdOf.get(d.event) ?? null) : null,
        duplicateOf: first ?? null,
      },
    };
    if (d.occurredMs !== undefined) tip.occurredAt = iso(d.occurredMs);
    if (d.address) tip.location = { address: d.address };
    if (!d.anonymous && d.tipster) tip.tipster = d.tipster;
    return tip;
  });
}

/** The import body item: the tip without its ground truth. */
export function toImportTip(tip: ScenarioTip): ImportTip {
  const { truth: _truth, ...item } = tip;
  return item;
}

// ---------------------------------------------------------------------------------------------
// Calendar

/** Each ward gets three streets of the district, so events in a ward cluster on real streets. */
function assignStreets(rng: Rng, wards: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const ward of wards) map.set(ward, rng.shuffle([...DISTRICT4_STREETS]).slice(0, 3));
  return map;
}

/** Busier around Tết (late January 2023) and in December's year-end crackdown, and at weekends. */
function dayWeights(year: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  const start = Date.UTC(year, 0, 1);
  for (let t = start; new Date(t).getUTCFullYear() === year; t += DAY) {
    const d = new Date(t);
    const month = d.getUTCMonth() + 1;
    const dom = d.getUTCDate();
    let w = 1;
    if ((month === 1 && dom >= 10) || (month === 2 && dom <= 5)) w += 0.3;
    if (month === 12) w += 0.15;
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) w += 0.1;
    out.push([t, w] as const);
  }
  return out;
}

/** A receipt instant for the channel: a weighted day, then an hour typical of that channel. */
function drawReceived(ctx: Ctx, hours: number[]): number {
  const { rng } = ctx;
  const day = new Date(rng.weighted(ctx.dayWeights));
  const hour = rng.weighted(hours.map((w, h) => [h, w] as const));
  const ms = fromLocal(
    ctx.year,
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    hour,
    rng.int(0, 59),
    rng.int(0, 59),
  );
  return clamp(ms, ctx.bounds.start, ctx.bounds.end);
}

/** How long before the report the event happened, by how people use each channel. */
function reportDelay(rng: Rng, channel: Channel, handIn: boolean): number {
  if (handIn) return rng.int(1, 5) * DAY + rng.int(0, 600) * MINUTE;
  switch (channel) {
    case 'patrol':
      return rng.int(2, 30) * MINUTE;
    case 'hotline':
      return rng.int(5, 90) * MINUTE;
    case 'walk_in':
      return rng.int(60, 2 * 24 * 60) * MINUTE;
    case 'web':
    case 'app':
      return rng.chance(0.15) ? rng.int(1, 3) * DAY : rng.int(20, 600) * MINUTE;
  }
}

/** Channels a citizen could plausibly use at this local hour for this kind of event. */
function channelsAt(hour: number, category: Category): Array<readonly [Channel, number]> {
  return CHANNEL_WEIGHTS.filter(([c]) => {
    if (c === 'walk_in') return HOURS_WALK_IN[hour] > 0;
    if (c === 'patrol') return HOURS_PATROL[hour] > 0 && PATROL_CATEGORIES.has(category);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Events and their reports

function newDetails(ctx: Ctx, street: string): Details {
  const { rng, uniq } = ctx;
  const { veh, plate } = uniq.vehicle(rng);
  return {
    street,
    addr: uniq.address(rng, street),
    landmark: rng.pick(LANDMARKS),
    veh,
    plate,
    phone: uniq.phone(rng),
    person: personDescription(rng),
    n: String(rng.int(2, 6)),
    item: rng.pick(ITEMS),
    amount: rng.pick(AMOUNTS),
    escape: rng.pick(ESCAPE_ROUTES),
  };
}

function streetIn(ctx: Ctx, ward: string): string {
  return ctx.rng.pick(ctx.streetsByWard.get(ward) ?? [...DISTRICT4_STREETS]);
}

function newEvent(ctx: Ctx): EventDraft {
  const { rng } = ctx;
  const category = rng.weighted(CATEGORIES.map((c) => [c, CATEGORY_WEIGHTS[c]] as const));
  const handIn = category === 'weapons' && rng.chance(0.5);
  const story = pickStory(rng, category, handIn);
  const ward = rng.pick(ctx.wards);
  let channel: Channel;
  if (handIn) {
    channel = rng.weighted([
      ['walk_in', 75],
      ['hotline', 15],
      ['patrol', 10],
    ] as const);
  } else {
    channel = rng.weighted(
      CHANNEL_WEIGHTS.filter(([c]) => c !== 'patrol' || PATROL_CATEGORIES.has(category)),
    );
  }
  const receivedMs = drawReceived(ctx, hourWeights(channel));
  const occurredMs = Math.max(ctx.bounds.start, receivedMs - reportDelay(rng, channel, handIn));
  const event: EventDraft = {
    category,
    ward,
    handIn,
    story,
    occurredMs,
    details: newDetails(ctx, streetIn(ctx, ward)),
    duplicates: 0,
  };
  // Hand-ins are dated by when the object was found; most other reports say when it happened.
  const withOccurred = handIn || rng.chance(0.85);
  event.first = firstReport(ctx, event, channel, receivedMs, withOccurred);
  return event;
}

/** Same category, ward, street and day as `base`, but a different event with its own details. */
function hardNegativeOf(ctx: Ctx, base: EventDraft): EventDraft {
  const { rng } = ctx;
  const day = localDayKey(base.occurredMs);
  let occurredMs = base.occurredMs + (rng.chance(0.5) ? 1 : -1) * rng.int(120, 360) * MINUTE;
  if (localDayKey(occurredMs) !== day) occurredMs = 2 * base.occurredMs - occurredMs;
  if (localDayKey(occurredMs) !== day || occurredMs < ctx.bounds.start) {
    const p = localParts(base.occurredMs);
    occurredMs = fromLocal(
      p.year,
      p.month,
      p.day,
      p.hour >= 12 ? p.hour - 4 : p.hour + 4,
      rng.int(0, 59),
    );
  }
  occurredMs = clamp(occurredMs, ctx.bounds.start, ctx.bounds.end - HOUR);
  const receivedMs = Math.min(ctx.bounds.end, occurredMs + rng.int(5, 45) * MINUTE);
  const channel = rng.weighted(channelsAt(localParts(receivedMs).hour, base.category));
  const event: EventDraft = {
    category: base.category,
    ward: base.ward,
    handIn: false,
    // Sometimes literally the same kind of story (two bag snatchings on one street in a day).
    story: rng.chance(0.4) ? base.story : pickStory(rng, base.category, false),
    occurredMs,
    details: newDetails(ctx, base.details.street),
    duplicates: 0,
  };
  event.first = firstReport(ctx, event, channel, receivedMs, true);
  return event;
}

function firstReport(
  ctx: Ctx,
  event: EventDraft,
  channel: Channel,
  receivedMs: number,
  withOccurred: boolean,
): TipDraft {
  const { rng } = ctx;
  const text = describe(ctx, event, channel, receivedMs, {});
  event.firstCore = text.core;
  event.firstTemplate = text.template;
  event.firstUsed = text.used;
  const addressShare =
    channel === 'patrol' ? 0.9 : channel === 'walk_in' || event.handIn ? 0.8 : 0.6;
  return {
    seq: ctx.seq++,
    kind: 'original',
    event,
    receivedMs,
    channel,
    category: event.category,
    ward: event.ward,
    description: text.description,
    occurredMs: withOccurred ? event.occurredMs : undefined,
    address: rng.chance(addressShare) ? fullAddress(ctx, event) : undefined,
    ...tipster(ctx, channel),
  };
}

function fullAddress(ctx: Ctx, event: EventDraft): string {
  return `${event.details.addr}, ${event.ward}, ${ctx.district}`;
}

/**
 * Picks events to be reported again and writes the later reports: 2–4 reports per duplicated
 * event, minutes to 36 hours after the first, same ward and category, each sharing at least one
 * concrete detail with the first report (or largely its wording).
 */
function makeDuplicates(ctx: Ctx, events: EventDraft[], count: number): TipDraft[] {
  const { rng } = ctx;
  const out: TipDraft[] = [];
  let remaining = count;
  while (remaining > 0) {
    const candidates = events.filter(
      (e) =>
        e.duplicates === 0 &&
        !e.handIn &&
        e.first &&
        e.first.receivedMs < ctx.bounds.end - 3 * HOUR,
    );
    if (candidates.length === 0)
      throw new Error('generateYearTips: not enough events to duplicate');
    const event = rng.weighted(
      candidates.map((e) => [e, DUPLICATE_WEIGHTS[e.category] ?? 1] as const),
    );
    const extra = Math.min(
      remaining,
      rng.weighted([
        [1, 60],
        [2, 28],
        [3, 12],
      ] as const),
    );
    for (let i = 0; i < extra; i++) out.push(duplicateReport(ctx, event));
    event.duplicates = extra;
    remaining -= extra;
  }
  return out;
}

function duplicateReport(ctx: Ctx, event: EventDraft): TipDraft {
  const { rng } = ctx;
  const first = event.first;
  if (!first) throw new Error('duplicate of an event without a first report');
  const roll = rng.next();
  const delay =
    roll < 0.45
      ? rng.int(3, 60) * MINUTE
      : roll < 0.75
        ? rng.int(60, 6 * 60) * MINUTE
        : rng.int(6 * 60, 36 * 60) * MINUTE;
  let receivedMs = first.receivedMs + delay;
  if (receivedMs > ctx.bounds.end) receivedMs = first.receivedMs + rng.int(3, 100) * MINUTE;
  receivedMs += rng.int(0, 59) * 1000;
  const channel = rng.weighted(channelsAt(localParts(receivedMs).hour, event.category));

  const used = event.firstUsed ?? new Set<string>();
  const modes: Array<readonly [SharedDetail | 'wording', number]> = [];
  if (used.has('plate')) modes.push(['plate', 3]);
  if (used.has('phone')) modes.push(['phone', 3]);
  modes.push(['addr', 2]);
  if (delay < 3 * HOUR && !event.wordingReused) modes.push(['wording', 1.5]);
  const mode = rng.weighted(modes);
  if (mode === 'wording') event.wordingReused = true;

  const text =
    mode === 'wording'
      ? describe(ctx, event, channel, receivedMs, { core: event.firstCore })
      : describe(ctx, event, channel, receivedMs, {
          share: mode,
          avoidVariant: event.firstTemplate,
        });
  const sharesAddress = mode === 'addr' || mode === 'wording';
  // A second witness remembers the time roughly, to the quarter hour.
  const occurredMs = Math.max(
    ctx.bounds.start,
    Math.floor(event.occurredMs / (15 * MINUTE)) * 15 * MINUTE,
  );
  return {
    seq: ctx.seq++,
    kind: 'duplicate',
    event,
    receivedMs,
    channel,
    category: event.category,
    ward: event.ward,
    description: text.description,
    occurredMs: rng.chance(0.7) ? occurredMs : undefined,
    address: sharesAddress && rng.chance(0.5) ? fullAddress(ctx, event) : undefined,
    ...tipster(ctx, channel),
  };
}

interface DescribeOptions {
  /** Reuse this core sentence (a duplicate in largely the same words). */
  core?: string;
  /** The detail the text must mention. */
  share?: SharedDetail;
  /** Variant of the story to avoid, so a second witness words it differently. */
  avoidVariant?: number;
}

function pickStory(rng: Rng, category: Category, handIn: boolean): number {
  const indices = STORIES[category]
    .map((s, i) => [s, i] as const)
    .filter(([s]) => Boolean(s.handIn) === handIn);
  return rng.pick(indices)[1];
}

function describe(
  ctx: Ctx,
  event: EventDraft,
  channel: Channel,
  receivedMs: number,
  opts: DescribeOptions,
): { description: string; core: string; template: number; used: Set<string> } {
  const { rng } = ctx;
  const d = event.details;
  const vars: Record<string, string> = {
    addr: d.addr,
    street: d.street,
    landmark: d.landmark,
    veh: d.veh,
    plate: d.plate,
    phone: formatPhone(rng, d.phone),
    person: d.person,
    n: d.n,
    item: d.item,
    amount: d.amount,
    escape: d.escape,
    ward: event.ward,
    when: whenPhrase(rng, event.occurredMs, receivedMs),
  };
  const used = new Set<string>();
  let template = -1;
  let core: string;
  if (opts.core !== undefined) {
    core = opts.core;
  } else {
    const texts = STORIES[event.category][event.story].texts;
    const all = texts.map((t, i) => [t, i] as const);
    // A patrol, or a second witness, does not speak as the victim.
    const thirdPerson = all.filter(([t]) => !isFirstPerson(t));
    let pool: ReadonlyArray<readonly [string, number]>;
    if (opts.avoidVariant !== undefined) {
      const others = thirdPerson.filter(([, i]) => i !== opts.avoidVariant);
      pool = others.length > 0 ? others : all.filter(([, i]) => i !== opts.avoidVariant);
      if (pool.length === 0) pool = all;
    } else if (channel === 'patrol' && thirdPerson.length > 0) {
      pool = thirdPerson;
    } else {
      pool = rng.chance(0.8) ? all.slice(0, 1) : all;
    }
    const [text, index] = rng.pick(pool);
    template = index;
    core = render(text, vars, used);
    // A report that says where it happened is what makes it actionable; duplicates must share.
    if (!used.has('addr') && (opts.share === undefined || opts.share === 'addr')) {
      core += render(rng.pick(DETAIL_SENTENCES.addr), vars, used);
    }
    const share = opts.share;
    if (share !== undefined && !used.has(share))
      core += render(rng.pick(DETAIL_SENTENCES[share]), vars, used);
  }
  const opening = event.handIn ? '' : render(rng.pick(OPENINGS[channel]), vars, new Set());
  const closing = event.handIn ? '' : rng.pick(CLOSINGS[channel]);
  return { description: `${opening}${capitalise(core)}${closing}`.trim(), core, template, used };
}

/** Fills {key} placeholders; {Key} capitalises the value. Records which keys were used. */
function render(template: string, vars: Record<string, string>, used: Set<string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const lower = key.charAt(0).toLowerCase() + key.slice(1);
    const value = vars[lower];
    if (value === undefined) throw new Error(`template placeholder {${key}} has no value`);
    used.add(lower);
    return key === lower ? value : capitalise(value);
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "khoảng 9 giờ 15 tối nay", "khoảng 2 giờ sáng hôm qua", "khoảng 21 giờ 15 ngày 12/3/2023":
 * relative to when the report is made, as people actually say it.
 */
function whenPhrase(rng: Rng, occurredMs: number, reportMs: number): string {
  const o = localParts(occurredMs);
  const minute = Math.floor(o.minute / 5) * 5;
  if (rng.chance(0.35)) {
    return `khoảng ${o.hour} giờ ${String(minute).padStart(2, '0')} ngày ${o.day}/${o.month}/${o.year}`;
  }
  const h = o.hour;
  const [h12, period] =
    h === 0
      ? [12, 'đêm']
      : h < 11
        ? [h, 'sáng']
        : h < 13
          ? [h, 'trưa']
          : h < 18
            ? [h - 12, 'chiều']
            : h < 22
              ? [h - 12, 'tối']
              : [h - 12, 'đêm'];
  const clock =
    minute === 0
      ? `${h12} giờ`
      : minute === 30
        ? `${h12} giờ rưỡi`
        : minute < 10
          ? `${h12} giờ ${minute} phút`
          : `${h12} giờ ${minute}`;
  const sameDay = localDayKey(occurredMs) === localDayKey(reportMs);
  const dayBefore = localDayKey(occurredMs + DAY) === localDayKey(reportMs);
  const rel = sameDay ? 'nay' : dayBefore ? 'hôm qua' : `ngày ${o.day}/${o.month}`;
  return `khoảng ${clock} ${period} ${rel}`;
}

// ---------------------------------------------------------------------------------------------
// Tipsters, spam and vague tips

const ANONYMOUS_SHARE: Record<Channel, number> = {
  hotline: 0.35,
  walk_in: 0.05,
  web: 0.5,
  app: 0.4,
  patrol: 0,
};

function tipster(ctx: Ctx, channel: Channel): Pick<TipDraft, 'anonymous' | 'tipster'> {
  const { rng, uniq } = ctx;
  if (rng.chance(ANONYMOUS_SHARE[channel])) return { anonymous: true };
  const name = vietName(rng);
  const identity: { name?: string; phone?: string; email?: string } = { name };
  // Patrol members and walk-ins always leave a number; online tipsters sometimes only an e-mail.
  if (channel === 'patrol' || channel === 'walk_in' || channel === 'hotline' || rng.chance(0.8)) {
    identity.phone = uniq.phone(rng);
  }
  const emailShare = channel === 'web' ? 0.5 : channel === 'app' ? 0.2 : 0.03;
  if (rng.chance(emailShare) || !identity.phone) {
    const parts = name.split(' ');
    identity.email = uniq.take(
      'email',
      () =>
        `${asciiSlug(parts[parts.length - 1])}.${asciiSlug(parts[0])}${rng.int(60, 99)}@gmail.com`,
    );
  }
  return { anonymous: false, tipster: identity };
}

function spamTip(ctx: Ctx): TipDraft {
  const { rng, uniq } = ctx;
  const channel = rng.weighted([
    ['web', 55],
    ['app', 45],
  ] as const);
  const phone = uniq.phone(rng);
  let description: string;
  if (rng.chance(0.25)) {
    description = gibberish(rng);
  } else {
    const vars = { phone: formatPhone(rng, phone), link: uniq.link(rng) };
    description = render(rng.pick(SPAM_TEMPLATES), vars, new Set());
  }
  const anonymous = rng.chance(0.7);
  return {
    seq: ctx.seq++,
    kind: 'spam',
    event: null,
    // Bots post at any hour.
    receivedMs: drawReceived(
      ctx,
      Array.from({ length: 24 }, () => 1),
    ),
    channel,
    category: rng.chance(0.6) ? 'other' : rng.pick(CATEGORIES),
    ward: rng.pick(ctx.wards),
    description,
    anonymous,
    tipster: anonymous
      ? undefined
      : { name: rng.pick(['Hỗ trợ tài chính', 'CSKH 24/7', 'Admin', 'Tài Lộc']), phone },
  };
}

function gibberish(rng: Rng): string {
  if (rng.chance(0.4)) {
    return rng.pick([
      'test test test thử app',
      'alo alo thử gửi xem được không',
      'aaaaaaaaaaaaaaaaaaaa',
      'hello hello hello',
    ]);
  }
  const letters = 'qwertyuiopasdfghjklzxcvbnm';
  const words = Array.from({ length: rng.int(3, 8) }, () =>
    Array.from({ length: rng.int(3, 7) }, () =>
      letters.charAt(rng.int(0, letters.length - 1)),
    ).join(''),
  );
  return words.join(' ');
}

function vagueTip(ctx: Ctx): TipDraft {
  const { rng } = ctx;
  const channel = rng.weighted([
    ['hotline', 35],
    ['web', 30],
    ['app', 35],
  ] as const);
  return {
    seq: ctx.seq++,
    kind: 'vague',
    event: null,
    receivedMs: drawReceived(ctx, hourWeights(channel)),
    channel,
    category: rng.pick(['other', 'other', 'public_disorder', 'theft', 'drugs'] as const),
    ward: rng.pick(ctx.wards),
    description: rng.pick(VAGUE_TEMPLATES),
    ...tipster(ctx, channel),
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORIES, CHANNELS } from '@app/contracts';
import type { Category, Channel } from '@app/contracts';

/** What a person reading the report decided it is: the truth the triage rules are measured on. */
export interface EvalLabel {
  /** An immediate threat to life or safety (the contract's "Life first" list). */
  urgent: boolean;
  /** Clear junk: advertising, promotion, keyboard noise, a test message. */
  junk: boolean;
  /** Reports of one incident share an event id; null (or an id no other report has) stands alone. */
  event: string | null;
}

/** One hand-written report of the evaluation set (tests/fixtures/triage-eval). */
export interface EvalItem {
  id: string;
  lang: 'vi' | 'en';
  channel: Channel;
  category: Category;
  ward: string;
  receivedAt: string;
  occurredAt?: string;
  address?: string;
  description: string;
  label: EvalLabel;
}

/** The default place of the set, from the repository root (where npm runs its scripts). */
export const DEFAULT_EVAL_SET_DIR = 'tests/fixtures/triage-eval';

const ID = /^e\d{3,}$/;
const EVENT = /^ev-\d{3,}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function isIso(s: unknown): s is string {
  return typeof s === 'string' && ISO_UTC.test(s) && !Number.isNaN(Date.parse(s));
}

/**
 * Problems with the set, one line each (empty when it is sound): fields and enums, unique ids,
 * known wards, times in 2024–2026, and each event's reports within `windowHours` of each other
 * (two reports further apart are two events by the product's own definition).
 */
export function checkEvalSet(items: EvalItem[], wards: string[], windowHours: number): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const known = new Set(wards);
  for (const it of items) {
    const at = `item ${String(it.id)}`;
    if (typeof it.id !== 'string' || !ID.test(it.id)) problems.push(`${at}: bad id`);
    if (seen.has(it.id)) problems.push(`${at}: id used twice`);
    seen.add(it.id);
    if (it.lang !== 'vi' && it.lang !== 'en') problems.push(`${at}: lang`);
    if (!(CHANNELS as readonly string[]).includes(it.channel)) problems.push(`${at}: channel`);
    if (!(CATEGORIES as readonly string[]).includes(it.category)) problems.push(`${at}: category`);
    if (!known.has(it.ward)) problems.push(`${at}: unknown ward`);
    if (!isIso(it.receivedAt)) problems.push(`${at}: receivedAt`);
    else {
      const year = new Date(it.receivedAt).getUTCFullYear();
      if (year < 2024 || year > 2026) problems.push(`${at}: receivedAt outside 2024–2026`);
    }
    if (it.occurredAt !== undefined) {
      if (!isIso(it.occurredAt)) problems.push(`${at}: occurredAt`);
      else if (Date.parse(it.occurredAt) > Date.parse(it.receivedAt))
        problems.push(`${at}: occurredAt after receivedAt`);
    }
    if (it.address !== undefined && (typeof it.address !== 'string' || it.address.trim() === ''))
      problems.push(`${at}: address`);
    // The intake's own bounds (POST /api/tips): 10 to 5,000 characters.
    if (
      typeof it.description !== 'string' ||
      it.description.length < 10 ||
      it.description.length > 5000
    )
      problems.push(`${at}: description must be 10–5000 characters`);
    const l = it.label as Partial<EvalLabel> | undefined;
    if (!l || typeof l.urgent !== 'boolean' || typeof l.junk !== 'boolean')
      problems.push(`${at}: label`);
    else {
      if (l.event !== null && (typeof l.event !== 'string' || !EVENT.test(l.event)))
        problems.push(`${at}: label.event`);
      if (l.junk && (l.urgent || l.event !== null))
        problems.push(`${at}: junk cannot be urgent or part of an event`);
    }
  }
  const byEvent = new Map<string, EvalItem[]>();
  for (const it of items) {
    if (it.label?.event) byEvent.set(it.label.event, [...(byEvent.get(it.label.event) ?? []), it]);
  }
  for (const [event, members] of byEvent) {
    const times = members.map((m) => Date.parse(m.receivedAt));
    if (Math.max(...times) - Math.min(...times) > windowHours * 3_600_000)
      problems.push(`event ${event}: reports more than ${windowHours} h apart`);
  }
  return problems;
}

/** Every `*.json` file of the directory (each an array of items), in file-name order. */
export function loadEvalSet(dir: string = DEFAULT_EVAL_SET_DIR): EvalItem[] {
  const root = resolve(dir);
  const files = readdirSync(root)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no evaluation set (*.json) in ${root}`);
  const items: EvalItem[] = [];
  for (const f of files) {
    const parsed: unknown = JSON.parse(readFileSync(join(root, f), 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${f}: expected an array of reports`);
    items.push(...(parsed as EvalItem[]));
  }
  return items;
}

/** Counts by kind, for the report's header and the docs. */
export function describeEvalSet(items: EvalItem[]): {
  total: number;
  vi: number;
  en: number;
  urgent: number;
  junk: number;
  events: number;
  inEvents: number;
  truePairs: number;
} {
  const sizes = new Map<string, number>();
  for (const it of items) {
    if (it.label.event) sizes.set(it.label.event, (sizes.get(it.label.event) ?? 0) + 1);
  }
  const groups = [...sizes.values()].filter((n) => n > 1);
  return {
    total: items.length,
    vi: items.filter((i) => i.lang === 'vi').length,
    en: items.filter((i) => i.lang === 'en').length,
    urgent: items.filter((i) => i.label.urgent).length,
    junk: items.filter((i) => i.label.junk).length,
    events: groups.length,
    inEvents: groups.reduce((a, n) => a + n, 0),
    truePairs: groups.reduce((a, n) => a + (n * (n - 1)) / 2, 0),
  };
}

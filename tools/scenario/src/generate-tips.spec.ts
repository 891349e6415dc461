import { readFileSync } from 'fs';
import { join } from 'path';
import { CATEGORIES, CHANNELS } from '@app/contracts';
import { generateYearTips, toImportTip } from './generate-tips';
import { DAY, HOUR, localDayKey, localParts } from './time';
import type { ScenarioTip } from './types';
import { DISTRICT4_STREETS } from './vi-data';

const wards: string[] = (
  JSON.parse(readFileSync(join(__dirname, '../../../config/wards.json'), 'utf8')) as {
    wards: string[];
  }
).wards;

/** The concrete details a duplicate detector could match on, read back from the text. */
const PLATE_RE = /\b\d{2}-?[A-Z]\d?[ -]\d{3}\.\d{2}\b/g;
const PHONE_RE = /\b09\d{2}[ .]?\d{3}[ .]?\d{3}\b/g;
const ADDRESS_RE = new RegExp(`(\\d+)(?:/\\d+)? (${DISTRICT4_STREETS.join('|')})`, 'g');

function detailsOf(tip: ScenarioTip): Set<string> {
  const out = new Set<string>();
  for (const m of tip.description.matchAll(PLATE_RE))
    out.add(`plate:${m[0].replace(/[^0-9A-Z]/g, '')}`);
  for (const m of tip.description.matchAll(PHONE_RE)) out.add(`phone:${m[0].replace(/\D/g, '')}`);
  for (const m of tip.description.matchAll(ADDRESS_RE)) out.add(`addr:${m[1]} ${m[2]}`);
  return out;
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[\s,.;:()"]+/)
      .filter(Boolean),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const inter = [...a].filter((w) => b.has(w)).length;
  return inter / (a.size + b.size - inter);
}

describe('generateYearTips', () => {
  const tips = generateYearTips({ wards });
  const byRef = new Map(tips.map((t) => [t.externalRef, t]));
  const count = (pred: (t: ScenarioTip) => boolean): number => tips.filter(pred).length;

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateYearTips({ wards })).toEqual(tips);
    expect(generateYearTips({ wards, seed: 7 })).not.toEqual(tips);
  });

  it('produces the year mix: 1,200 tips, ~9% duplicates, ~4% spam, ~4% vague', () => {
    expect(tips).toHaveLength(1200);
    const dup = count((t) => t.truth.kind === 'duplicate');
    expect(dup / 1200).toBeGreaterThanOrEqual(0.08);
    expect(dup / 1200).toBeLessThanOrEqual(0.1);
    expect(count((t) => t.truth.kind === 'spam')).toBe(48);
    expect(count((t) => t.truth.kind === 'vague')).toBe(48);
    expect(count((t) => t.truth.kind === 'original')).toBe(1200 - dup - 96);
  });

  it('numbers tips in order of receipt, all inside 2023 (UTC and local time)', () => {
    tips.forEach((t, i) => {
      expect(t.externalRef).toBe(`Q4-2023-${String(i + 1).padStart(5, '0')}`);
      const ms = Date.parse(t.receivedAt);
      if (i > 0) expect(ms).toBeGreaterThanOrEqual(Date.parse(tips[i - 1].receivedAt));
      expect(new Date(ms).getUTCFullYear()).toBe(2023);
      expect(localParts(ms).year).toBe(2023);
      if (t.occurredAt) {
        expect(Date.parse(t.occurredAt)).toBeLessThanOrEqual(ms);
        expect(new Date(t.occurredAt).getUTCFullYear()).toBe(2023);
      }
    });
  });

  it('spreads over twelve months, every ward, every channel, with 10–15% citizen patrols', () => {
    const months = new Map<number, number>();
    for (const t of tips)
      months.set(
        localParts(Date.parse(t.receivedAt)).month,
        (months.get(localParts(Date.parse(t.receivedAt)).month) ?? 0) + 1,
      );
    expect(months.size).toBe(12);
    for (const n of months.values()) expect(n).toBeGreaterThan(60);
    for (const w of wards) expect(count((t) => t.ward === w)).toBeGreaterThan(40);
    for (const c of CHANNELS) expect(count((t) => t.channel === c)).toBeGreaterThan(50);
    const patrol = count((t) => t.channel === 'patrol') / tips.length;
    expect(patrol).toBeGreaterThanOrEqual(0.1);
    expect(patrol).toBeLessThanOrEqual(0.15);
    expect(
      tips.every(
        (t) => (CATEGORIES as readonly string[]).includes(t.category) && wards.includes(t.ward),
      ),
    ).toBe(true);
    // Walk-ins happen while the ward office is open; patrols walk in the evening and at night.
    for (const t of tips.filter((x) => x.channel === 'walk_in')) {
      const h = localParts(Date.parse(t.receivedAt)).hour;
      expect(h >= 7 && h <= 17).toBe(true);
    }
  });

  it('writes valid Vietnamese descriptions and import bodies', () => {
    for (const t of tips) {
      expect(t.description.length).toBeGreaterThanOrEqual(10);
      expect(t.description.length).toBeLessThanOrEqual(5000);
      expect(t.description).not.toMatch(/[{}]|undefined/);
      const body = toImportTip(t);
      expect(body).not.toHaveProperty('truth');
      if (t.anonymous) expect(t.tipster).toBeUndefined();
      else {
        expect(t.tipster?.name ?? t.tipster?.email).toBeTruthy();
        if (t.tipster?.phone) expect(t.tipster.phone).toMatch(/^09\d{8}$/);
      }
    }
    const descriptions = new Set(
      tips.filter((t) => t.truth.kind === 'original').map((t) => t.description),
    );
    expect(descriptions.size).toBeGreaterThan(980);
    expect(
      count(
        (t) =>
          t.truth.kind === 'original' &&
          /[ăâđêôơưạảấầẩậắằẳặẹẻếềểệọỏốồổộớờởợụủứừửữựỳỵỷỹ]/.test(t.description),
      ),
    ).toBe(count((t) => t.truth.kind === 'original'));
  });

  it('includes weapons and explosives handed in by citizens, and patrol reports', () => {
    expect(
      count((t) => t.category === 'weapons' && /giao nộp/.test(t.description)),
    ).toBeGreaterThanOrEqual(20);
    expect(
      count((t) => t.channel === 'patrol' && /Tổ Nhân dân tuần tra/.test(t.description)),
    ).toBeGreaterThan(100);
    expect(count((t) => PLATE_RE.test(t.description))).toBeGreaterThan(200);
  });

  it('makes every duplicate a later report of the same event, same ward, sharing a detail', () => {
    const perEvent = new Map<string, ScenarioTip[]>();
    for (const t of tips.filter((x) => x.truth.kind !== 'spam' && x.truth.kind !== 'vague')) {
      const id = t.truth.eventId;
      expect(id).toBeTruthy();
      perEvent.set(id ?? '', [...(perEvent.get(id ?? '') ?? []), t]);
    }
    for (const d of tips.filter((x) => x.truth.kind === 'duplicate')) {
      const first = byRef.get(d.truth.duplicateOf ?? '');
      expect(first?.truth.kind).toBe('original');
      if (!first) continue;
      expect(first.truth.eventId).toBe(d.truth.eventId);
      expect(d.ward).toBe(first.ward);
      expect(d.category).toBe(first.category);
      const gap = Date.parse(d.receivedAt) - Date.parse(first.receivedAt);
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(36 * HOUR + 60_000);
      const a = detailsOf(first);
      const shared = [...detailsOf(d)].some((x) => a.has(x));
      expect(shared || jaccard(words(first.description), words(d.description)) >= 0.6).toBe(true);
    }
    const sizes = [...perEvent.values()].map((l) => l.length).filter((n) => n > 1);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.length).toBeGreaterThan(50);
  });

  it('never lets two different events in one ward within 36 hours share a plate, phone or house number', () => {
    const originals = tips.filter((t) => t.truth.kind === 'original');
    for (let i = 0; i < originals.length; i++) {
      const a = originals[i];
      const da = detailsOf(a);
      for (let j = i + 1; j < originals.length; j++) {
        const b = originals[j];
        if (Date.parse(b.receivedAt) - Date.parse(a.receivedAt) > 36 * HOUR) break;
        if (b.ward !== a.ward) continue;
        expect([...detailsOf(b)].filter((x) => da.has(x))).toEqual([]);
      }
    }
  });

  it('contains hard negatives: same category, ward, street and day, different events', () => {
    const originals = tips.filter((t) => t.truth.kind === 'original' && t.occurredAt);
    const key = (t: ScenarioTip): string[] =>
      [...detailsOf(t)]
        .filter((x) => x.startsWith('addr:'))
        .map(
          (x) =>
            `${t.category}|${t.ward}|${x.split(' ').slice(1).join(' ')}|${localDayKey(Date.parse(t.occurredAt ?? ''))}`,
        );
    const seen = new Map<string, number>();
    for (const t of originals) for (const k of new Set(key(t))) seen.set(k, (seen.get(k) ?? 0) + 1);
    expect([...seen.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps spam recognisable and vague tips free of place and time', () => {
    for (const t of tips.filter((x) => x.truth.kind === 'spam')) {
      expect(t.truth.eventId).toBeNull();
      expect(t.location).toBeUndefined();
    }
    expect(
      count((t) => t.truth.kind === 'spam' && /vay|https?:\/\//i.test(t.description)),
    ).toBeGreaterThan(10);
    for (const t of tips.filter((x) => x.truth.kind === 'vague')) {
      expect(t.description).not.toMatch(/\d/);
      expect(DISTRICT4_STREETS.some((s) => t.description.includes(s))).toBe(false);
      expect(t.location).toBeUndefined();
      expect(t.occurredAt).toBeUndefined();
    }
  });

  it('scales to other totals and years', () => {
    const small = generateYearTips({ wards: wards.slice(0, 3), total: 200, year: 2024, seed: 1 });
    expect(small).toHaveLength(200);
    expect(
      small.every(
        (t) =>
          t.receivedAt.startsWith('2024-') &&
          Date.parse(t.receivedAt) < Date.parse('2025-01-01') - DAY / 4,
      ),
    ).toBe(true);
  });
});

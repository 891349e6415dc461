import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  AppConfigModule,
  databaseConfig,
  pipelineConfig,
  referenceConfig,
  tipsterConfig,
} from '@app/config';
import { DatabaseModule, prepareDatabase } from '@app/database';
import { dropDatabase } from '@tools/stack';
import { TipIntakeService, TipsModule } from '@app/tips';
import { TriageModule, TriageTipService } from '@app/triage';
import { scoreDuplicates } from '@tools/demo';
import type { DuplicateScore } from '@tools/demo';
import type { EvalItem } from './eval-set';

/** What triage left on one tip, keyed by the set's ids (never its text). */
export interface TriageOutcome {
  id: string;
  stage: string;
  /** null while the tips table has no `urgent` column. */
  urgent: boolean | null;
  reviewReason: string | null;
  /** The set id of the first report this one was found to repeat. */
  duplicateOf: string | null;
}

export interface TriageEvalRun {
  outcomes: TriageOutcome[];
  /** Columns the figures depend on that the schema does not have yet. */
  missingColumns: string[];
  triageMs: number;
}

/** Stages in which a tip has not (or not yet) passed triage. */
const NOT_PASSED = new Set(['received', 'rejected', 'needs_review']);

/**
 * Inserts the set into a migrated, empty database through the intake's import path (stage
 * `received`, original times) and runs the worker's own triage on each tip in order of receipt,
 * then reads back what triage decided. No queue, no relay, no other stage runs.
 */
export async function runTriageEval(
  databaseUrl: string,
  items: EvalItem[],
): Promise<TriageEvalRun> {
  const config = AppConfigModule.forRoot(
    [databaseConfig, pipelineConfig, referenceConfig, tipsterConfig],
    { ...process.env, DATABASE_URL: databaseUrl },
  );
  @Module({
    imports: [config, DatabaseModule.forPipeline({ asyncCommit: true }), TipsModule, TriageModule],
  })
  class TriageEvalModule {}

  const app = await NestFactory.createApplicationContext(TriageEvalModule, {
    logger: ['error'],
  });
  try {
    const intake = app.get(TipIntakeService);
    for (let i = 0; i < items.length; i += 500) {
      await intake.importTips(
        {
          tips: items.slice(i, i + 500).map((it) => ({
            channel: it.channel,
            category: it.category,
            ward: it.ward,
            description: it.description,
            occurredAt: it.occurredAt,
            location: it.address ? { address: it.address } : undefined,
            anonymous: true,
            receivedAt: it.receivedAt,
            externalRef: it.id,
          })),
        },
        'triage-eval',
      );
    }
    const ds = app.get(DataSource);
    const stored: { id: string; external_ref: string }[] = await ds.query(
      `SELECT id, external_ref FROM tips WHERE stage = 'received' ORDER BY received_at, external_ref`,
    );
    if (stored.length !== items.length) {
      throw new Error(
        `expected ${items.length} new tips, found ${stored.length} (database not empty?)`,
      );
    }
    const triage = app.get(TriageTipService);
    const t0 = performance.now();
    for (const t of stored) await triage.triage(t.id);
    const triageMs = performance.now() - t0;

    const columns = new Set(
      (
        await ds.query<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = 'tips'`,
        )
      ).map((c) => c.column_name),
    );
    const missingColumns = ['urgent', 'review_reason'].filter((c) => !columns.has(c));
    const rows: {
      external_ref: string;
      stage: string;
      urgent: boolean | null;
      review_reason: string | null;
      root_ref: string | null;
    }[] = await ds.query(
      `SELECT t.external_ref, t.stage,
              ${columns.has('urgent') ? 't.urgent' : 'NULL::boolean'} AS urgent,
              ${columns.has('review_reason') ? 't.review_reason' : 'NULL::text'} AS review_reason,
              r.external_ref AS root_ref
       FROM tips t LEFT JOIN tips r ON r.id = t.duplicate_of
       ORDER BY t.external_ref`,
    );
    return {
      outcomes: rows.map((r) => ({
        id: r.external_ref,
        stage: r.stage,
        urgent: r.urgent,
        reviewReason: r.review_reason,
        duplicateOf: r.root_ref,
      })),
      missingColumns,
      triageMs,
    };
  } finally {
    await app.close();
  }
}

/** Drops and recreates the database, then runs the migrations. */
export async function freshDatabase(databaseUrl: string): Promise<void> {
  await dropDatabase(databaseUrl);
  await prepareDatabase(databaseUrl);
}

export interface TriageEvalFigures {
  total: number;
  stages: Record<string, number>;
  urgent: {
    /** False while triage stores no `urgent` flag: the urgent figures are then not measured. */
    measured: boolean;
    labelled: number;
    flagged: number;
    found: number;
    recall: number;
    precision: number;
    missed: string[];
    falseAlarms: string[];
    /** Labelled urgent yet rejected or sent to review: the contract forbids both. */
    heldBack: string[];
  };
  rejection: {
    rejected: number;
    /** Real reports (not junk) rejected without a person: must stay empty. */
    realRejected: string[];
    junkLabelled: number;
    junkRejected: number;
    precision: number;
    recall: number;
    junkNotRejected: string[];
  };
  review: { count: number; rate: number; junk: number; real: number };
  duplicates: DuplicateScore & { missedPairs: string[]; wrongPairs: string[] };
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function pairsOf(assign: Map<string, string>): Set<string> {
  const groups = new Map<string, string[]>();
  for (const [id, key] of assign) groups.set(key, [...(groups.get(key) ?? []), id]);
  const out = new Set<string>();
  for (const members of groups.values()) {
    const s = [...members].sort();
    for (let i = 0; i < s.length; i++)
      for (let j = i + 1; j < s.length; j++) out.add(`${s[i]}~${s[j]}`);
  }
  return out;
}

/**
 * The figures of one run against the labels. Duplicate pairs count as predicted only between
 * tips that passed triage (a rejected tip or one waiting for review joins no event).
 */
export function scoreTriageEval(items: EvalItem[], outcomes: TriageOutcome[]): TriageEvalFigures {
  const out = new Map(outcomes.map((o) => [o.id, o]));
  for (const it of items) if (!out.has(it.id)) throw new Error(`no outcome for ${it.id}`);
  const get = (it: EvalItem) => out.get(it.id)!;

  const stages: Record<string, number> = {};
  for (const it of items) stages[get(it).stage] = (stages[get(it).stage] ?? 0) + 1;

  const measured = items.every((it) => get(it).urgent !== null);
  const labelledUrgent = items.filter((it) => it.label.urgent);
  const flagged = items.filter((it) => get(it).urgent === true);
  const found = labelledUrgent.filter((it) => get(it).urgent === true);

  const rejected = items.filter((it) => get(it).stage === 'rejected');
  const junk = items.filter((it) => it.label.junk);
  const review = items.filter((it) => get(it).stage === 'needs_review');

  const truth = new Map(items.map((it) => [it.id, it.label.event ?? `alone:${it.id}`]));
  const predicted = new Map(
    items.map((it) => {
      const o = get(it);
      return [it.id, NOT_PASSED.has(o.stage) ? `held:${it.id}` : (o.duplicateOf ?? it.id)];
    }),
  );
  // A root that did not pass triage itself predicts no pair with the tips that point to it.
  for (const it of items) {
    const root = get(it).duplicateOf;
    if (
      root &&
      NOT_PASSED.has(out.get(root)?.stage ?? 'received') &&
      !NOT_PASSED.has(get(it).stage)
    )
      predicted.set(it.id, `orphan:${root}`);
  }
  const truePairs = pairsOf(truth);
  const predictedPairs = pairsOf(predicted);

  return {
    total: items.length,
    stages,
    urgent: {
      measured,
      labelled: labelledUrgent.length,
      flagged: flagged.length,
      found: found.length,
      recall: ratio(found.length, labelledUrgent.length),
      precision: ratio(found.length, flagged.length),
      missed: labelledUrgent.filter((it) => get(it).urgent !== true).map((it) => it.id),
      falseAlarms: flagged.filter((it) => !it.label.urgent).map((it) => it.id),
      heldBack: labelledUrgent
        .filter((it) => get(it).stage === 'rejected' || get(it).stage === 'needs_review')
        .map((it) => it.id),
    },
    rejection: {
      rejected: rejected.length,
      realRejected: rejected.filter((it) => !it.label.junk).map((it) => it.id),
      junkLabelled: junk.length,
      junkRejected: junk.filter((it) => get(it).stage === 'rejected').length,
      precision: ratio(rejected.filter((it) => it.label.junk).length, rejected.length),
      recall: ratio(junk.filter((it) => get(it).stage === 'rejected').length, junk.length),
      junkNotRejected: junk.filter((it) => get(it).stage !== 'rejected').map((it) => it.id),
    },
    review: {
      count: review.length,
      rate: ratio(review.length, items.length),
      junk: review.filter((it) => it.label.junk).length,
      real: review.filter((it) => !it.label.junk).length,
    },
    duplicates: {
      ...scoreDuplicates(truth, predicted),
      missedPairs: [...truePairs].filter((p) => !predictedPairs.has(p)).sort(),
      wrongPairs: [...predictedPairs].filter((p) => !truePairs.has(p)).sort(),
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ids = (xs: string[]) => (xs.length === 0 ? '-' : xs.join(' '));

/** The report as printed by `npm run eval:triage`: figures and set ids, never a report's text. */
export function formatTriageEval(f: TriageEvalFigures, run?: TriageEvalRun): string[] {
  const u = f.urgent;
  const r = f.rejection;
  const d = f.duplicates;
  const lines = [
    `Stages: ${Object.entries(f.stages)
      .sort()
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')} (of ${f.total})`,
    '',
    'Urgent (life first)',
    u.measured
      ? `  recall ${pct(u.recall)} (${u.found}/${u.labelled}), precision ${pct(u.precision)} (${u.found}/${u.flagged} flagged)`
      : '  not measured: triage stores no urgent flag yet (tips.urgent)',
    ...(u.measured ? [`  missed: ${ids(u.missed)}`, `  false alarms: ${ids(u.falseAlarms)}`] : []),
    `  labelled urgent but rejected or sent to review: ${u.heldBack.length} ${ids(u.heldBack)}`,
    '',
    'Rejected without a person',
    `  real reports rejected: ${r.realRejected.length} ${ids(r.realRejected)}`,
    `  junk precision ${pct(r.precision)} (${r.rejected - r.realRejected.length}/${r.rejected}), ` +
      `recall ${pct(r.recall)} (${r.junkRejected}/${r.junkLabelled})`,
    `  junk not rejected: ${ids(r.junkNotRejected)}`,
    '',
    'Sent to review',
    `  ${pct(f.review.rate)} (${f.review.count}: ${f.review.real} real, ${f.review.junk} junk)`,
    '',
    'Duplicates (pairs of reports of one event, among tips that passed triage)',
    `  precision ${pct(d.precision)} (${d.correctPairs}/${d.predictedPairs}), recall ${pct(d.recall)} (${d.correctPairs}/${d.truePairs})`,
    `  missed pairs: ${ids(d.missedPairs)}`,
    `  wrong pairs: ${ids(d.wrongPairs)}`,
  ];
  if (run) {
    lines.push('', `Triage of ${f.total} tips: ${(run.triageMs / 1000).toFixed(1)} s`);
    if (run.missingColumns.length > 0)
      lines.push(`Not in the schema yet: tips.${run.missingColumns.join(', tips.')}`);
  }
  return lines;
}

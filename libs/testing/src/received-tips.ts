import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateYearTips } from '@tools/scenario';

/** A tip written straight into `tips` as `received`, waiting for triage. */
export interface ReceivedTipRow {
  id: string;
  reference: string;
  category: string;
  ward: string;
  description: string;
  address: string | null;
  receivedAt: Date;
}

const DAY = 86_400_000;

/**
 * A year of the scenario's tips (with its duplicates) in `wards`, squeezed into `days` so that
 * windows hold reports of one event and their duplicates, in received order (then id). The
 * references are `<prefix>-<n>`.
 */
export function squeezedYearTips(opts: {
  wards: string[];
  total: number;
  seed: number;
  days: number;
  prefix: string;
}): ReceivedTipRow[] {
  const tips = generateYearTips({ wards: opts.wards, total: opts.total, seed: opts.seed });
  const times = tips.map((t) => Date.parse(t.receivedAt));
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0 || 1;
  return tips
    .map((t, i) => ({
      id: randomUUID(),
      reference: `${opts.prefix}-${i}`,
      category: t.category,
      ward: t.ward,
      description: t.description,
      address: t.location?.address ?? null,
      receivedAt: new Date(t0 + ((times[i] - t0) / span) * opts.days * DAY),
    }))
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** Writes `rows` as hotline tips waiting for triage (anonymous, no contact). */
export async function insertReceivedTips(ds: DataSource, rows: ReceivedTipRow[]): Promise<void> {
  await ds.query(
    `INSERT INTO tips (id, reference, stage, channel, category, ward, description,
       location_address, received_at, anonymous, has_contact)
     SELECT id, ref, 'received', 'hotline', category, ward, description, address, received_at,
       true, false
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::timestamptz[]) AS x(id, ref, category, ward, description, address, received_at)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.reference),
      rows.map((r) => r.category),
      rows.map((r) => r.ward),
      rows.map((r) => r.description),
      rows.map((r) => r.address),
      rows.map((r) => r.receivedAt.toISOString()),
    ],
  );
}

import { Injectable } from '@nestjs/common';
import { describeEvent, DomainError, explainReason, isReasonCode } from '@app/contracts';
import type { ListTipsQuery } from './dto/list-tips.query';
import type { TipPage, TipTrace, TipView } from './dto/tip.view';
import { TipRow, TipsRepository, UNDECIDED_STAGES } from './tips.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The two-language text of a reason code; null for a person's own words (shown as written). */
function codeText(code: string | null): { vi: string; en: string } | null {
  if (!code || !isReasonCode(code)) return null;
  const { vi, en } = explainReason({ code });
  return { vi, en };
}

export function toTipView(r: TipRow): TipView {
  return {
    id: r.id,
    reference: r.reference,
    stage: r.stage,
    channel: r.channel as TipView['channel'],
    category: r.category as TipView['category'],
    ward: r.ward,
    description: r.description,
    occurredAt: iso(r.occurred_at),
    location:
      r.location_address !== null || r.location_lat !== null || r.location_lng !== null
        ? { address: r.location_address, lat: r.location_lat, lng: r.location_lng }
        : null,
    anonymous: r.anonymous,
    hasContact: r.has_contact,
    imported: r.imported,
    externalRef: r.external_ref,
    receivedAt: r.received_at.toISOString(),
    triagedAt: iso(r.triaged_at),
    leadOpenAt: iso(r.lead_open_at),
    claimedAt: iso(r.claimed_at),
    linkedAt: iso(r.linked_at),
    dismissedAt: iso(r.dismissed_at),
    decisionDueAt: iso(r.decision_due_at),
    decisionExtensions: r.decision_extensions,
    overdue:
      r.decision_due_at !== null &&
      r.decision_due_at.getTime() < Date.now() &&
      (UNDECIDED_STAGES as readonly string[]).includes(r.stage),
    triage:
      r.priority === null
        ? null
        : {
            priority: r.priority,
            urgent: r.urgent,
            reasons: (r.triage_reasons ?? []).map((x) =>
              typeof x === 'string' ? x : (x.text ?? explainReason(x).en),
            ),
            reasonDetails: (r.triage_reasons ?? []).map((x) =>
              typeof x === 'string'
                ? explainReason(x)
                : explainReason({ code: x.code, params: x.params }),
            ),
            duplicateOf: r.duplicate_of,
            rejectedReason: r.rejected_reason,
            rejectedReasonText: codeText(r.rejected_reason),
            reviewReason: r.review_reason,
            reviewReasonText: codeText(r.review_reason),
          },
    leadId: r.lead_id,
    caseIds: r.case_id ? [r.case_id] : [],
    outcome: { caseStatus: r.case_status, resolution: r.case_resolution, arrests: r.arrests },
    attachmentCount: r.attachment_count ?? 0,
  };
}

function encodeCursor(r: TipRow): string {
  return Buffer.from(`${r.received_at.toISOString()}|${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (
    !receivedAt ||
    !id ||
    !Number.isFinite(Date.parse(receivedAt)) ||
    !/^[0-9a-f-]{36}$/i.test(id)
  ) {
    throw new DomainError('invalid', 'cursor is not valid', {
      cursor: ['cursor must be a nextCursor value returned by this list'],
    });
  }
  return { receivedAt, id };
}

/** Who reads a tip: an operator reads only what it took, and the tips waiting for review. */
export interface TipReader {
  username: string;
  role: string;
}

/** True when `reader` may read the tip (need-to-know); no reader: an internal call. */
export function mayRead(
  reader: TipReader | undefined,
  tip: { submitted_by: string | null; stage: string },
): boolean {
  if (!reader || reader.role !== 'operator') return true;
  return tip.submitted_by === reader.username || tip.stage === 'needs_review';
}

type StoredEvent = {
  at: Date;
  type: string;
  actor: string | null;
  detail: Record<string, unknown>;
};

/**
 * The trace's events, oldest first (ties keep the order they were written in), with an imported
 * tip's `imported` event (by the actor of its `received` event) placed at the import's time,
 * before anything that happened at the same moment.
 */
export function traceEvents(
  stored: StoredEvent[],
  imported: { at: Date; externalRef: string | null } | null,
): TipTrace['events'] {
  const all = stored.map((e, i) => ({ e, rank: i }));
  if (imported) {
    const received = stored.find((e) => e.type === 'received');
    all.push({
      e: {
        at: imported.at,
        type: 'imported',
        actor: received?.actor ?? null,
        detail: imported.externalRef ? { externalRef: imported.externalRef } : {},
      },
      rank: -1,
    });
  }
  all.sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.rank - b.rank);
  return all.map(({ e }) => ({
    at: e.at.toISOString(),
    type: e.type,
    actor: e.actor,
    detail: e.detail,
    text: describeEvent(e.type, e.detail),
  }));
}

@Injectable()
export class TipQueryService {
  constructor(private readonly tips: TipsRepository) {}

  /** The tip; 404 when unknown, and for an operator, when it is another operator's tip. */
  async get(id: string, reader?: TipReader): Promise<TipView> {
    const row = await this.tips.findView(id);
    if (!row || !mayRead(reader, row)) throw new DomainError('not_found', 'tip not found');
    return toTipView(row);
  }

  /**
   * The tip's whole path, in time order, with who did what. An imported tip's `received` event
   * keeps its original time (from the earlier register) and an `imported` event marks when it
   * entered TipTrace, so a 2023 record triaged in 2026 reads as such.
   */
  async trace(id: string): Promise<TipTrace> {
    const tip = await this.get(id);
    const [events, importedAt] = await Promise.all([
      this.tips.events(id),
      tip.imported ? this.tips.importedAt(id) : Promise.resolve(null),
    ]);
    return {
      tip,
      imported: tip.imported,
      importedAt: iso(importedAt),
      events: traceEvents(events, importedAt && { at: importedAt, externalRef: tip.externalRef }),
    };
  }

  /** `reader`: whom `mine=true` narrows the list to, and an operator's need-to-know. */
  async list(q: ListTipsQuery, reader?: TipReader): Promise<TipPage> {
    const limit = q.limit ?? 50;
    const rows = await this.tips.listViews({
      reference: q.reference,
      submittedBy: q.mine === 'true' ? (reader?.username ?? '') : undefined,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      visibleTo: reader?.role === 'operator' ? reader.username : undefined,
      stage: q.stage,
      ward: q.ward,
      category: q.category,
      channel: q.channel,
      from: q.from,
      to: q.to,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      ascending: q.order === 'asc',
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(toTipView),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { ReportReader } from '@app/database';
import { FunnelService } from './funnel.service';

export interface Clearance {
  occurred: number;
  solved: number;
  clearanceRate: number;
}

export interface AnnualReport {
  year: number;
  criminal: Clearance & { arrests: number; severe: Clearance };
  tips: { received: number; casesResolved: number; arrests: number };
  text: { vi: string; en: string };
}

/** Percentage with two decimals, half away from zero: 74/97 → 76.29. */
export function rate(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.round((part / whole) * 10_000 + Number.EPSILON) / 100;
}

const viNumber = (n: number) => n.toLocaleString('de-DE'); // 1.200 — the seed's thousands dot
const viRate = (n: number) => n.toFixed(2).replace('.', ',');

/**
 * The year-end figures a district reports: criminal cases by the year they occurred, solved and
 * cleared, arrests, severe clearance, and what citizens' tips led to.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly reader: ReportReader,
    private readonly funnels: FunnelService,
  ) {}

  async annual(year: number): Promise<AnnualReport> {
    const from = `${year}-01-01T00:00:00Z`;
    const to = `${year + 1}-01-01T00:00:00Z`;
    const [criminal]: {
      occurred: number;
      solved: number;
      arrests: number;
      severe_occurred: number;
      severe_solved: number;
    }[] = await (
      await this.reader.source()
    ).query(
      // From the case rollup the projector keeps (one row per day, kind and severity).
      `SELECT COALESCE(sum(cases), 0)::int AS occurred,
              COALESCE(sum(solved), 0)::int AS solved,
              COALESCE(sum(arrests), 0)::int AS arrests,
              COALESCE(sum(cases) FILTER (WHERE severity IN ('very_serious', 'especially_serious')), 0)::int AS severe_occurred,
              COALESCE(sum(solved) FILTER (WHERE severity IN ('very_serious', 'especially_serious')), 0)::int AS severe_solved
       FROM case_rollup
       WHERE kind = 'criminal' AND day >= $1::date AND day < $2::date`,
      [from.slice(0, 10), to.slice(0, 10)],
    );
    // What tips led to, by the funnel's definitions and from its reporting tables.
    const funnel = await this.funnels.funnel({ from, to });
    const tips = {
      received: funnel.tipsReceived,
      cases_resolved: funnel.casesResolvedFromTips,
      arrests: funnel.arrestsFromTips,
    };
    const report = {
      year,
      criminal: {
        occurred: criminal.occurred,
        solved: criminal.solved,
        clearanceRate: rate(criminal.solved, criminal.occurred),
        arrests: criminal.arrests,
        severe: {
          occurred: criminal.severe_occurred,
          solved: criminal.severe_solved,
          clearanceRate: rate(criminal.severe_solved, criminal.severe_occurred),
        },
      },
      tips: { received: tips.received, casesResolved: tips.cases_resolved, arrests: tips.arrests },
    };
    return { ...report, text: summaryText(report) };
  }
}

/** The year's summary in the register of a district's year-end review. */
export function summaryText(r: Omit<AnnualReport, 'text'>): { vi: string; en: string } {
  const c = r.criminal;
  const vi =
    `Trong năm ${r.year}, trên địa bàn đã xảy ra ${viNumber(c.occurred)} vụ phạm pháp hình sự, ` +
    `khám phá ${viNumber(c.solved)} vụ (đạt tỷ lệ ${viRate(c.clearanceRate)}%) và bắt ${viNumber(c.arrests)} đối tượng; ` +
    `trong đó, án rất nghiêm trọng và đặc biệt nghiêm trọng đạt tỷ lệ ${viRate(c.severe.clearanceRate)}%. ` +
    `Phong trào Toàn dân bảo vệ an ninh Tổ quốc tiếp tục được đẩy mạnh: Nhân dân đã cung cấp cho Công an ` +
    `${viNumber(r.tips.received)} nguồn tin, giúp công an giải quyết ${viNumber(r.tips.casesResolved)} vụ việc, ` +
    `bắt ${viNumber(r.tips.arrests)} đối tượng vi phạm pháp luật.`;
  const en =
    `In ${r.year}, ${c.occurred.toLocaleString('en-US')} criminal cases occurred in the district and ` +
    `${c.solved.toLocaleString('en-US')} were solved (a clearance rate of ${c.clearanceRate.toFixed(2)}%), ` +
    `with ${c.arrests.toLocaleString('en-US')} people arrested; very serious and especially serious cases ` +
    `reached a clearance rate of ${c.severe.clearanceRate.toFixed(2)}%. The movement for all people to protect ` +
    `national security kept growing: citizens gave the police ${r.tips.received.toLocaleString('en-US')} tips, ` +
    `which helped resolve ${r.tips.casesResolved.toLocaleString('en-US')} matters and arrest ` +
    `${r.tips.arrests.toLocaleString('en-US')} offenders.`;
  return { vi, en };
}

/**
 * What District 4's investigators did with the year's tips, planned so that the reports computed
 * from the database give exactly the figures of the 2023 review (SEED_FIGURES).
 *
 * The plan is built from a fixed breakdown of cases (CASE_BUCKETS) whose sums are the review's
 * figures; the tips, dates, wards, names and charges around it are drawn from the seed. Every
 * figure is then recomputed from the plan by the contract's definitions (expectedFigures), so a
 * mistake in the breakdown or in the construction shows up in the spec, not in the demo.
 */
import { CATEGORY_LABELS, type CaseKind, type Category, type Severity } from '@app/contracts';
import { DEFAULT_SEED, DEFAULT_YEAR } from './generate-tips';
import { Rng } from './prng';
import { DAY, HOUR, MINUTE, clamp, fromLocal, iso, localParts, yearBounds } from './time';
import type {
  CaseResolution,
  ClearanceFigures,
  LeadAction,
  PlanYearOptions,
  PlannedArrest,
  PlannedCase,
  ScenarioFigures,
  ScenarioTip,
  YearPlan,
} from './types';
import { DISTRICT4_STREETS, vietName } from './vi-data';

/** The review's figures (seed/district4-2023-review.vi.txt). */
export const SEED_FIGURES = {
  tipsReceived: 1200,
  casesResolvedFromTips: 127,
  arrestsFromTips: 158,
  criminal: {
    occurred: 97,
    solved: 74,
    clearanceRate: 76.29,
    arrests: 108,
    severe: { occurred: 47, solved: 44, clearanceRate: 93.62 },
  },
} as const;

interface CaseBucket {
  kind: CaseKind;
  /** very_serious or especially_serious (criminal only). */
  severe: boolean;
  /** Opened from a tip's lead, or by police work directly. */
  fromTips: boolean;
  solved: number;
  unfounded: number;
  open: number;
  arrestsOnSolved: number;
  arrestsOnOpen: number;
}

/**
 * The year's cases. Against the review:
 * - criminal occurred 30 + 17 + 30 + 20 = 97; solved 28 + 16 + 20 + 10 = 74 (76.29%);
 * - severe occurred 30 + 17 = 47, solved 28 + 16 = 44 (93.62%);
 * - criminal arrests 40 + 2 + 22 + 1 + 26 + 2 + 14 + 1 = 108;
 * - resolved from tips 28 + 20 + 79 = 127 "vụ việc" (criminal and administrative);
 * - arrests on cases linked to tips 40 + 2 + 26 + 2 + 88 = 158.
 * Unfounded cases have no arrests: nothing happened that anyone could be arrested for.
 */
export const CASE_BUCKETS: readonly CaseBucket[] = [
  {
    kind: 'criminal',
    severe: true,
    fromTips: true,
    solved: 28,
    unfounded: 0,
    open: 2,
    arrestsOnSolved: 40,
    arrestsOnOpen: 2,
  },
  {
    kind: 'criminal',
    severe: true,
    fromTips: false,
    solved: 16,
    unfounded: 0,
    open: 1,
    arrestsOnSolved: 22,
    arrestsOnOpen: 1,
  },
  {
    kind: 'criminal',
    severe: false,
    fromTips: true,
    solved: 20,
    unfounded: 3,
    open: 7,
    arrestsOnSolved: 26,
    arrestsOnOpen: 2,
  },
  {
    kind: 'criminal',
    severe: false,
    fromTips: false,
    solved: 10,
    unfounded: 2,
    open: 8,
    arrestsOnSolved: 14,
    arrestsOnOpen: 1,
  },
  {
    kind: 'administrative',
    severe: false,
    fromTips: true,
    solved: 79,
    unfounded: 10,
    open: 8,
    arrestsOnSolved: 88,
    arrestsOnOpen: 0,
  },
];

/** Leads still waiting in the queue on 31 December: mostly December's, a few forgotten ones. */
const LEAVE_OPEN = { december: 15, earlier: 3 } as const;

type Weights = ReadonlyArray<readonly [Category, number]>;
const SEVERE_CATEGORIES: Weights = [
  ['robbery', 8],
  ['drugs', 8],
  ['homicide', 3],
  ['weapons', 3],
  ['assault', 4],
  ['theft', 2],
  ['child_abuse', 1.5],
  ['human_trafficking', 1],
  ['fraud', 2],
];
const CRIMINAL_CATEGORIES: Weights = [
  ['theft', 10],
  ['assault', 4],
  ['fraud', 5],
  ['gambling', 5],
  ['drugs', 4],
  ['public_disorder', 2],
  ['domestic_violence', 1],
  ['traffic', 1],
];
const ADMINISTRATIVE_CATEGORIES: Weights = [
  ['public_disorder', 3],
  ['gambling', 3],
  ['drugs', 2.5],
  ['theft', 2],
  ['weapons', 2.5],
  ['traffic', 2],
  ['fire_safety', 2],
  ['domestic_violence', 1],
  ['other', 1],
];

/** Administrative matters where people are detained, how many at most, and how likely more. */
const ADMIN_ARRESTS: Partial<Record<Category, { min: number; cap: number; weight: number }>> = {
  gambling: { min: 1, cap: 8, weight: 4 },
  drugs: { min: 1, cap: 4, weight: 2 },
  public_disorder: { min: 1, cap: 5, weight: 2 },
  theft: { min: 1, cap: 2, weight: 1 },
  domestic_violence: { min: 1, cap: 1, weight: 0.5 },
  other: { min: 0, cap: 2, weight: 0.5 },
  traffic: { min: 0, cap: 1, weight: 0.3 },
};

const CRIMINAL_CHARGES: Record<Category, string[]> = {
  theft: ['Trộm cắp tài sản (Điều 173 BLHS)'],
  robbery: ['Cướp giật tài sản (Điều 171 BLHS)', 'Cướp tài sản (Điều 168 BLHS)'],
  assault: ['Cố ý gây thương tích (Điều 134 BLHS)'],
  homicide: ['Giết người (Điều 123 BLHS)'],
  drugs: [
    'Mua bán trái phép chất ma túy (Điều 251 BLHS)',
    'Tàng trữ trái phép chất ma túy (Điều 249 BLHS)',
    'Tổ chức sử dụng trái phép chất ma túy (Điều 255 BLHS)',
  ],
  weapons: [
    'Tàng trữ, sử dụng trái phép vũ khí quân dụng (Điều 304 BLHS)',
    'Tàng trữ, sử dụng trái phép vũ khí thô sơ (Điều 306 BLHS)',
  ],
  gambling: ['Đánh bạc (Điều 321 BLHS)', 'Tổ chức đánh bạc (Điều 322 BLHS)'],
  fraud: ['Lừa đảo chiếm đoạt tài sản (Điều 174 BLHS)'],
  public_disorder: ['Gây rối trật tự công cộng (Điều 318 BLHS)'],
  domestic_violence: ['Hành hạ người khác (Điều 140 BLHS)'],
  child_abuse: ['Dâm ô đối với người dưới 16 tuổi (Điều 146 BLHS)'],
  human_trafficking: ['Mua bán người (Điều 150 BLHS)'],
  traffic: ['Vi phạm quy định về tham gia giao thông đường bộ (Điều 260 BLHS)'],
  fire_safety: ['Vi phạm quy định về phòng cháy, chữa cháy (Điều 313 BLHS)'],
  other: ['Cưỡng đoạt tài sản (Điều 170 BLHS)'],
};

const ADMIN_MATTERS: Record<Category, string> = {
  theft: 'trộm cắp tài sản chưa đến mức truy cứu hình sự',
  robbery: 'tranh chấp, giằng co tài sản',
  assault: 'xô xát, đánh nhau',
  homicide: 'xác minh tin báo về người chết',
  drugs: 'sử dụng trái phép chất ma túy',
  weapons: 'tiếp nhận vũ khí, vật liệu nổ do người dân giao nộp',
  gambling: 'đánh bạc trái phép',
  fraud: 'tranh chấp dân sự có dấu hiệu gian dối',
  public_disorder: 'gây mất trật tự công cộng',
  domestic_violence: 'hành vi bạo lực gia đình',
  child_abuse: 'vi phạm quyền trẻ em',
  human_trafficking: 'môi giới lao động trái phép',
  traffic: 'vi phạm trật tự an toàn giao thông',
  fire_safety: 'vi phạm quy định phòng cháy, chữa cháy',
  other: 'vi phạm quy định về cư trú',
};

const ADMIN_DECREE: Partial<Record<Category, string>> = { traffic: 'Nghị định 100/2019/NĐ-CP' };

const DISMISS_GENERAL = [
  'Đã xác minh tại địa bàn, không phát hiện vi phạm.',
  'Không liên lạc được người báo tin, nội dung không đủ căn cứ xác minh.',
  'Sự việc đã được hòa giải tại cơ sở, các bên không yêu cầu xử lý.',
  'Nội dung tin báo không đúng sự thật sau khi kiểm tra.',
  'Đối tượng đã chuyển khỏi địa bàn, không còn hoạt động.',
  'Đã nhắc nhở, cho làm cam kết tại chỗ; không đủ yếu tố xử lý.',
];
const DISMISS_BY_CATEGORY: Partial<Record<Category, string[]>> = {
  fraud: [
    'Tranh chấp dân sự, đã hướng dẫn người dân khởi kiện tại Tòa án.',
    'Chuyển Đội Cảnh sát kinh tế Công an quận theo thẩm quyền.',
  ],
  traffic: [
    'Chuyển Đội Cảnh sát giao thông – trật tự Công an quận xử lý.',
    'Chuyển UBND phường xử lý lấn chiếm lòng lề đường.',
  ],
  fire_safety: [
    'Đã kiểm tra, cơ sở đã khắc phục tồn tại về PCCC.',
    'Chuyển Đội Cảnh sát PCCC và CNCH kiểm tra theo thẩm quyền.',
  ],
  other: [
    'Chuyển UBND phường xử lý theo thẩm quyền.',
    'Đã bàn giao cụ ông cho gia đình, không có dấu hiệu vi phạm.',
  ],
  public_disorder: ['Khi lực lượng đến, nhóm đối tượng đã giải tán; đã nhắc nhở chủ quán.'],
  domestic_violence: ['Đã phối hợp Hội Phụ nữ phường hòa giải, nạn nhân không yêu cầu xử lý.'],
};

/** Resolved cases need room before 31 December: their tips arrive by this local date. */
const RESOLVED_TIP_CUTOFF = { month: 12, day: 5 } as const;

interface TipInfo {
  tip: ScenarioTip;
  receivedMs: number;
  /** Latest receipt among the tip and its duplicates: the lead is complete only then. */
  lastReportMs: number;
  handIn: boolean;
  taken: boolean;
}

interface CaseDraft {
  kind: CaseKind;
  category: Category;
  severity: Severity;
  ward: string;
  street: string;
  occurredMs: number;
  resolution: CaseResolution | null;
  resolvedMs?: number;
  tips: TipInfo[];
  arrestCount: number;
  /** Earliest moment an arrest can be recorded (after the crime, and after the tip if any). */
  arrestFromMs: number;
  bucket: CaseBucket;
}

export function planYear(tips: ScenarioTip[], opts: PlanYearOptions = {}): YearPlan {
  const year = opts.year ?? DEFAULT_YEAR;
  const rng = new Rng(((opts.seed ?? DEFAULT_SEED) ^ 0x5eed_2023) >>> 0);
  const bounds = yearBounds(year);
  const cutoffMs = fromLocal(year, RESOLVED_TIP_CUTOFF.month, RESOLVED_TIP_CUTOFF.day, 23, 59);

  const lastDuplicate = new Map<string, number>();
  for (const t of tips) {
    if (t.truth.kind === 'duplicate' && t.truth.duplicateOf) {
      const ms = Date.parse(t.receivedAt);
      lastDuplicate.set(
        t.truth.duplicateOf,
        Math.max(ms, lastDuplicate.get(t.truth.duplicateOf) ?? 0),
      );
    }
  }
  const originals: TipInfo[] = tips
    .filter((t) => t.truth.kind === 'original')
    .map((tip) => {
      const receivedMs = Date.parse(tip.receivedAt);
      return {
        tip,
        receivedMs,
        lastReportMs: Math.max(receivedMs, lastDuplicate.get(tip.externalRef) ?? 0),
        handIn: isHandIn(tip),
        taken: false,
      };
    })
    .sort((a, b) => a.receivedMs - b.receivedMs);
  const wards = [...new Set(tips.map((t) => t.ward))].sort();
  if (wards.length === 0) throw new Error('planYear: no tips');

  const drafts: CaseDraft[] = [];
  for (const bucket of CASE_BUCKETS) {
    const resolutions: Array<CaseResolution | null> = [
      ...Array<CaseResolution>(bucket.solved).fill('solved'),
      ...Array<CaseResolution>(bucket.unfounded).fill('unfounded'),
      ...Array<null>(bucket.open).fill(null),
    ];
    for (const resolution of resolutions) {
      drafts.push(
        bucket.fromTips
          ? caseFromTips(rng, bucket, resolution, originals, cutoffMs)
          : caseWithoutTips(rng, bucket, resolution, wards, year),
      );
    }
  }

  for (const d of drafts) scheduleResolution(rng, d, bounds.end);
  assignArrestCounts(rng, drafts, bounds.end);

  drafts.sort((a, b) => a.occurredMs - b.occurredMs);
  const usedNames = new Set<string>();
  const cases: PlannedCase[] = drafts.map((d, i) =>
    toPlannedCase(rng, d, `VV-${year}-${String(i + 1).padStart(3, '0')}`, usedNames, bounds.end),
  );

  const leads: Record<string, LeadAction> = {};
  const caseKeyOf = new Map<TipInfo, string>();
  drafts.forEach((d, i) => d.tips.forEach((t) => caseKeyOf.set(t, cases[i].key)));
  const leaveOpen = chooseLeaveOpen(rng, originals, year);
  for (const info of originals) {
    const caseKey = caseKeyOf.get(info);
    if (caseKey) leads[info.tip.externalRef] = { action: 'link', caseKey };
    else if (leaveOpen.has(info)) leads[info.tip.externalRef] = { action: 'leave_open' };
    else
      leads[info.tip.externalRef] = {
        action: 'dismiss',
        reason: dismissReason(rng, info.tip.category),
      };
  }
  return { year, leads, cases };
}

/** Recomputes the report figures from a plan, by the contract's definitions. */
export function expectedFigures(plan: YearPlan, tips: ScenarioTip[]): ScenarioFigures {
  const received = tips.filter((t) => new Date(t.receivedAt).getUTCFullYear() === plan.year);
  const leadOf = (t: ScenarioTip): LeadAction | undefined =>
    plan.leads[
      t.truth.kind === 'duplicate' && t.truth.duplicateOf ? t.truth.duplicateOf : t.externalRef
    ];
  const linkedCaseKeys = new Set<string>();
  let tipsLinked = 0;
  for (const t of received) {
    if (t.truth.kind !== 'original' && t.truth.kind !== 'duplicate') continue;
    const lead = leadOf(t);
    if (lead?.action === 'link') {
      tipsLinked++;
      linkedCaseKeys.add(lead.caseKey);
    }
  }
  const casesFromTips = plan.cases.filter((c) => linkedCaseKeys.has(c.key));
  const criminal = plan.cases.filter(
    (c) => c.kind === 'criminal' && new Date(c.occurredAt).getUTCFullYear() === plan.year,
  );
  const severe = criminal.filter(
    (c) => c.severity === 'very_serious' || c.severity === 'especially_serious',
  );
  return {
    tipsReceived: received.length,
    tipsDuplicate: received.filter((t) => t.truth.kind === 'duplicate').length,
    tipsRejected: received.filter((t) => t.truth.kind === 'spam' || t.truth.kind === 'vague')
      .length,
    tipsLinked,
    casesFromTips: casesFromTips.length,
    casesResolvedFromTips: casesFromTips.filter((c) => c.resolution === 'solved').length,
    arrestsFromTips: casesFromTips.reduce((n, c) => n + c.arrests.length, 0),
    criminal: {
      ...clearance(criminal),
      arrests: criminal.reduce((n, c) => n + c.arrests.length, 0),
      severe: clearance(severe),
    },
  };
}

/** The original tips (by externalRef) whose lead is linked to the case. */
export function leadsOfCase(plan: YearPlan, caseKey: string): string[] {
  return Object.entries(plan.leads)
    .filter(([, a]) => a.action === 'link' && a.caseKey === caseKey)
    .map(([ref]) => ref);
}

function clearance(cases: PlannedCase[]): ClearanceFigures {
  const solved = cases.filter((c) => c.resolution === 'solved').length;
  return {
    occurred: cases.length,
    solved,
    clearanceRate: cases.length === 0 ? 0 : Math.round((solved / cases.length) * 10_000) / 100,
  };
}

// ---------------------------------------------------------------------------------------------

function isHandIn(tip: ScenarioTip): boolean {
  return tip.category === 'weapons' && /giao nộp/.test(tip.description);
}

function categoriesFor(bucket: CaseBucket): Weights {
  if (bucket.kind === 'administrative') return ADMINISTRATIVE_CATEGORIES;
  return bucket.severe ? SEVERE_CATEGORIES : CRIMINAL_CATEGORIES;
}

/** A hand-in is an administrative matter; a weapons report about a gang is a criminal one. */
function eligible(
  info: TipInfo,
  category: Category,
  bucket: CaseBucket,
  resolved: boolean,
  cutoffMs: number,
): boolean {
  if (info.taken || info.tip.category !== category) return false;
  if (category === 'weapons' && info.handIn !== (bucket.kind === 'administrative')) return false;
  return !resolved || info.lastReportMs <= cutoffMs;
}

function caseFromTips(
  rng: Rng,
  bucket: CaseBucket,
  resolution: CaseResolution | null,
  originals: TipInfo[],
  cutoffMs: number,
): CaseDraft {
  const resolved = resolution !== null;
  const options = categoriesFor(bucket)
    .map(
      ([c, w]) =>
        [c, w, originals.filter((o) => eligible(o, c, bucket, resolved, cutoffMs))] as const,
    )
    .filter(([, , list]) => list.length > 0);
  if (options.length === 0) throw new Error('planYear: not enough tips to open the planned cases');
  const [category, , pool] = rng.weighted(options.map((o) => [o, o[1]] as const));
  // Cases still open at year end lean towards the later months.
  const primary = resolved
    ? rng.pick(pool)
    : rng.weighted(pool.map((o) => [o, 1 + localParts(o.receivedMs).month / 3] as const));
  primary.taken = true;
  const linked = [primary];

  // Later tips about the same matter (same ward and category, within weeks) join the case.
  const extra = rng.weighted([
    [0, 50],
    [1, 30],
    [2, 13],
    [3, 7],
  ] as const);
  const window = 45 * DAY;
  const later = originals.filter(
    (o) =>
      o.tip.ward === primary.tip.ward &&
      o.receivedMs > primary.receivedMs &&
      o.receivedMs <= primary.receivedMs + window &&
      o.handIn === primary.handIn &&
      eligible(o, category, bucket, resolved, cutoffMs),
  );
  for (const o of rng.shuffle(later).slice(0, extra)) {
    o.taken = true;
    linked.push(o);
  }

  const occurredAt = primary.tip.occurredAt
    ? Date.parse(primary.tip.occurredAt)
    : primary.receivedMs - rng.int(10, 120) * MINUTE;
  const start = yearBounds(localParts(primary.receivedMs).year).start;
  const occurredMs = Math.max(start, Math.min(occurredAt, primary.receivedMs));
  return {
    kind: bucket.kind,
    category,
    severity: severityFor(rng, bucket, category),
    ward: primary.tip.ward,
    street: streetOf(primary.tip) ?? rng.pick(DISTRICT4_STREETS),
    occurredMs,
    resolution,
    tips: linked.sort((a, b) => a.receivedMs - b.receivedMs),
    arrestCount: 0,
    arrestFromMs: Math.max(occurredMs, primary.receivedMs) + 2 * HOUR,
    bucket,
  };
}

function caseWithoutTips(
  rng: Rng,
  bucket: CaseBucket,
  resolution: CaseResolution | null,
  wards: string[],
  year: number,
): CaseDraft {
  const category = rng.weighted(
    categoriesFor(bucket).filter(([c]) => c !== 'weapons' || bucket.kind === 'criminal'),
  );
  // Resolved cases occurred early enough to be worked and closed within the year.
  const lastMonth = resolution ? 11 : 12;
  const month = rng.int(1, lastMonth);
  const day = rng.int(1, month === 2 ? 28 : 30);
  const occurredMs = clamp(
    fromLocal(year, month, day, rng.int(0, 23), rng.int(0, 59)),
    yearBounds(year).start,
    yearBounds(year).end - 3 * DAY,
  );
  return {
    kind: bucket.kind,
    category,
    severity: severityFor(rng, bucket, category),
    ward: rng.pick(wards),
    street: rng.pick(DISTRICT4_STREETS),
    occurredMs,
    resolution,
    tips: [],
    arrestCount: 0,
    arrestFromMs: occurredMs + 2 * HOUR,
    bucket,
  };
}

function severityFor(rng: Rng, bucket: CaseBucket, category: Category): Severity {
  if (bucket.kind === 'administrative') return rng.chance(0.85) ? 'less_serious' : 'serious';
  if (!bucket.severe) return rng.chance(0.45) ? 'less_serious' : 'serious';
  if (category === 'homicide') return 'especially_serious';
  if (category === 'human_trafficking') return 'very_serious';
  if (category === 'drugs') return rng.chance(0.5) ? 'very_serious' : 'especially_serious';
  return rng.chance(0.75) ? 'very_serious' : 'especially_serious';
}

/** Resolution comes after every tip of the case (and its duplicates) has arrived. */
function scheduleResolution(rng: Rng, d: CaseDraft, yearEnd: number): void {
  if (d.resolution === null) return;
  const lastTip = d.tips.reduce((m, t) => Math.max(m, t.lastReportMs), d.occurredMs);
  const earliest = Math.max(lastTip, d.arrestFromMs) + DAY;
  const latest = yearEnd - 6 * HOUR;
  if (earliest > latest) throw new Error('planYear: a resolved case has no room before year end');
  d.resolvedMs = Math.min(latest, earliest + rng.int(0, 55 * 24) * HOUR + rng.int(0, 59) * MINUTE);
}

/** Distributes each bucket's arrests over its cases, exactly. */
function assignArrestCounts(rng: Rng, drafts: CaseDraft[], yearEnd: number): void {
  for (const bucket of CASE_BUCKETS) {
    const inBucket = drafts.filter((d) => d.bucket === bucket);
    const solved = inBucket.filter((d) => d.resolution === 'solved');
    const open = inBucket.filter((d) => d.resolution === null);
    const solvedSlots = solved.map((d) => {
      if (d.kind === 'criminal') {
        // A solved criminal case has at least one offender; gangs and rings more.
        const ring = [
          'robbery',
          'drugs',
          'gambling',
          'human_trafficking',
          'public_disorder',
        ].includes(d.category);
        return { min: 1, cap: ring ? 5 : 3, weight: ring ? 3 : 1 };
      }
      return ADMIN_ARRESTS[d.category] ?? { min: 0, cap: 0, weight: 0 };
    });
    distribute(rng, bucket.arrestsOnSolved, solvedSlots).forEach(
      (n, i) => (solved[i].arrestCount = n),
    );
    // An open case can have a suspect in custody while accomplices are still sought.
    const openSlots = open.map((d) => ({
      min: 0,
      cap: d.arrestFromMs < yearEnd - 10 * DAY ? 2 : 0,
      weight: 1,
    }));
    distribute(rng, bucket.arrestsOnOpen, openSlots).forEach((n, i) => (open[i].arrestCount = n));
  }
}

function distribute(
  rng: Rng,
  total: number,
  slots: Array<{ min: number; cap: number; weight: number }>,
): number[] {
  const out = slots.map((s) => s.min);
  let left = total - out.reduce((a, b) => a + b, 0);
  const capacity = slots.reduce((a, s) => a + s.cap, 0);
  if (left < 0 || total > capacity)
    throw new Error(`planYear: cannot place ${total} arrests in these cases`);
  while (left > 0) {
    const open = slots
      .map((s, i) => [i, out[i] < s.cap ? Math.max(s.weight, 0.01) : 0] as const)
      .filter(([, w]) => w > 0);
    out[rng.weighted(open)]++;
    left--;
  }
  return out;
}

function toPlannedCase(
  rng: Rng,
  d: CaseDraft,
  key: string,
  usedNames: Set<string>,
  yearEnd: number,
): PlannedCase {
  const until =
    d.resolvedMs !== undefined
      ? d.resolvedMs - HOUR
      : Math.min(d.arrestFromMs + 40 * DAY, yearEnd - HOUR);
  const times = Array.from({ length: d.arrestCount }, () =>
    rng.int(d.arrestFromMs, Math.max(d.arrestFromMs, until)),
  ).sort((a, b) => a - b);
  const arrests: PlannedArrest[] = times.map((ms) => ({
    personName: uniqueName(rng, usedNames),
    charge: chargeFor(rng, d),
    arrestedAt: iso(Math.floor(ms / MINUTE) * MINUTE),
  }));
  const planned: PlannedCase = {
    key,
    title: titleFor(d),
    kind: d.kind,
    category: d.category,
    severity: d.severity,
    ward: d.ward,
    occurredAt: iso(d.occurredMs),
    arrests,
    resolution: d.resolution,
  };
  if (d.resolvedMs !== undefined) planned.resolvedAt = iso(d.resolvedMs);
  return planned;
}

function uniqueName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const name = vietName(rng, rng.chance(0.88) ? 'male' : 'female');
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function chargeFor(rng: Rng, d: CaseDraft): string {
  if (d.kind === 'criminal') return rng.pick(CRIMINAL_CHARGES[d.category]);
  const decree = ADMIN_DECREE[d.category] ?? 'Nghị định 144/2021/NĐ-CP';
  return `Vi phạm hành chính: ${ADMIN_MATTERS[d.category]} (${decree})`;
}

function titleFor(d: CaseDraft): string {
  const place = `đường ${d.street}, ${d.ward}`;
  if (d.kind === 'criminal') return `${CATEGORY_LABELS[d.category].vi} tại ${place}`;
  const matter = ADMIN_MATTERS[d.category];
  return `Xử lý hành chính: ${matter.charAt(0).toUpperCase()}${matter.slice(1)} tại ${place}`;
}

const STREET_RE = new RegExp(`\\d+(?:/\\d+)? (${DISTRICT4_STREETS.join('|')})`);

function streetOf(tip: ScenarioTip): string | undefined {
  return STREET_RE.exec(tip.description)?.[1];
}

function chooseLeaveOpen(rng: Rng, originals: TipInfo[], year: number): Set<TipInfo> {
  const free = originals.filter((o) => !o.taken);
  const decemberFrom = fromLocal(year, 12, 18);
  const novemberFrom = fromLocal(year, 11, 1);
  const late = rng
    .shuffle(free.filter((o) => o.receivedMs >= decemberFrom))
    .slice(0, LEAVE_OPEN.december);
  const earlier = rng
    .shuffle(free.filter((o) => o.receivedMs >= novemberFrom && o.receivedMs < decemberFrom))
    .slice(0, LEAVE_OPEN.earlier);
  return new Set([...late, ...earlier]);
}

function dismissReason(rng: Rng, category: Category): string {
  const specific = DISMISS_BY_CATEGORY[category];
  return specific && rng.chance(0.5) ? rng.pick(specific) : rng.pick(DISMISS_GENERAL);
}

import type { Category, Channel, Reason } from '@app/contracts';
import { normalizeText, padWords } from './normalize';

export interface PriorityInput {
  category: Category;
  channel: Channel;
  description: string;
  /** normalizeText(description), when the caller has it already. */
  normalized?: string;
  occurredAt?: Date | null;
  receivedAt: Date;
}

export interface PriorityResult {
  /** Integer 0..100, higher is more urgent. */
  priority: number;
  /** Human-readable English, one line per component that moved the score. Never quotes the tip. */
  reasons: string[];
  /** The same reasons as codes, codes[i] for reasons[i] (explainReason() renders them in vi/en). */
  codes: Reason[];
}

// Roughly tracks the penal code's severity and the harm of a late response.
const CATEGORY_BASE: Record<Category, number> = {
  homicide: 55,
  weapons: 50,
  human_trafficking: 50,
  child_abuse: 50,
  robbery: 40,
  drugs: 35,
  assault: 35,
  domestic_violence: 35,
  fire_safety: 30,
  fraud: 25,
  gambling: 20,
  theft: 20,
  public_disorder: 15,
  traffic: 5,
  other: 5,
};

// Officers' own reports and people who came in person are easier to act on; web tips are anonymous.
const CHANNEL_ADJUST: Record<Channel, number> = {
  patrol: 5,
  walk_in: 5,
  hotline: 0,
  app: 0,
  web: -5,
};

interface KeywordFamily {
  name: string;
  boost: number;
  // label: shown in the reason; phrases: matched as whole words on normalized text.
  terms: { label: string; phrases: string[] }[];
}

// Folded Vietnamese is full of homographs: 'dao' is knife but also đạo/đào/dạo, 'sung' is súng but
// also sưng/bổ sung, 'da' is đá (meth) but also đã/da/đá banh. Short words therefore only count
// inside a phrase that pins their meaning.
const FAMILIES: KeywordFamily[] = [
  {
    name: 'explosives',
    boost: 20,
    terms: [
      { label: 'thuốc nổ', phrases: ['thuốc nổ', 'chất nổ', 'vật liệu nổ'] },
      { label: 'lựu đạn', phrases: ['lựu đạn'] },
      { label: 'kíp nổ', phrases: ['kíp nổ', 'ngòi nổ'] },
      { label: 'mìn', phrases: ['quả mìn', 'trái mìn', 'gài mìn', 'mìn tự chế', 'bom mìn'] },
      { label: 'bom', phrases: ['quả bom', 'trái bom', 'bom tự chế', 'đặt bom', 'gài bom'] },
      {
        label: 'explosive',
        phrases: ['explosive', 'explosives', 'grenade', 'grenades', 'detonator', 'bomb', 'ied'],
      },
    ],
  },
  {
    name: 'weapons',
    boost: 15,
    terms: [
      {
        label: 'súng',
        phrases: [
          'cây súng',
          'khẩu súng',
          'súng ngắn',
          'súng dài',
          'súng lục',
          'súng hoa cải',
          'súng tự chế',
          'súng bắn đạn',
          'súng điện',
          'bắn súng',
          'nổ súng',
          'cầm súng',
          'mang súng',
          'rút súng',
          'giấu súng',
          'dí súng',
          'chĩa súng',
          'mua bán súng',
          'vũ khí quân dụng',
        ],
      },
      {
        label: 'dao',
        phrases: [
          'con dao',
          'cây dao',
          'dao găm',
          'dao bầu',
          'dao phay',
          'dao nhọn',
          'dao tự chế',
          'cầm dao',
          'vung dao',
          'rút dao',
          'mang dao',
          'dùng dao',
          'dí dao',
        ],
      },
      { label: 'mã tấu', phrases: ['mã tấu'] },
      { label: 'hung khí', phrases: ['hung khí', 'vũ khí', 'tuýp sắt', 'ống tuýp', 'kiếm tự chế'] },
      {
        label: 'gun',
        phrases: ['gun', 'guns', 'pistol', 'rifle', 'firearm', 'firearms', 'shotgun'],
      },
      { label: 'knife', phrases: ['knife', 'knives', 'machete', 'machetes', 'weapon', 'weapons'] },
    ],
  },
  {
    name: 'drugs',
    boost: 10,
    terms: [
      { label: 'ma túy', phrases: ['ma túy', 'ma tuý', 'chất cấm'] },
      { label: 'heroin', phrases: ['heroin', 'hê rô in', 'bạch phiến', 'thuốc phiện'] },
      // Bare 'đá' is dropped: folded it is 'da' (đã, da, đá banh). 'hàng đá' is dropped too: it
      // also means an ice or gemstone shop.
      { label: 'đá', phrases: ['ma túy đá', 'hút đá', 'chơi ma túy đá'] },
      { label: 'thuốc lắc', phrases: ['thuốc lắc', 'kẹo lắc', 'bóng cười', 'nước vui'] },
      { label: 'cần sa', phrases: ['cần sa', 'marijuana', 'cannabis'] },
      { label: 'ketamine', phrases: ['ketamine', 'ketamin', 'cocaine', 'cocain'] },
      { label: 'drugs', phrases: ['drug', 'drugs', 'meth', 'methamphetamine', 'narcotics'] },
      { label: 'tiêm chích', phrases: ['tiêm chích', 'hút chích'] },
    ],
  },
  {
    name: 'children',
    boost: 15,
    terms: [
      { label: 'trẻ em', phrases: ['trẻ em', 'trẻ nhỏ', 'trẻ con', 'con nít', 'vị thành niên'] },
      { label: 'bé', phrases: ['em bé', 'bé gái', 'bé trai', 'cháu bé'] },
      { label: 'cháu nhỏ', phrases: ['cháu nhỏ'] },
      { label: 'học sinh', phrases: ['học sinh', 'nữ sinh', 'nam sinh'] },
      { label: 'child', phrases: ['child', 'children', 'kid', 'kids', 'minor', 'minors'] },
    ],
  },
  {
    name: 'violence',
    boost: 10,
    terms: [
      {
        label: 'đánh',
        phrases: ['đánh người', 'đánh nhau', 'đánh đập', 'bị đánh', 'đánh hội đồng', 'đánh chết'],
      },
      {
        label: 'chém',
        // 'chém gió' (bragging) must not count, so bare 'chém' is not a phrase here.
        phrases: [
          'chém người',
          'bị chém',
          'chém nhau',
          'chém trọng thương',
          'chém chết',
          'đâm chém',
        ],
      },
      {
        label: 'đâm',
        phrases: ['bị đâm', 'đâm người', 'đâm nhau', 'đâm chết', 'đâm trọng thương'],
      },
      { label: 'hành hung', phrases: ['hành hung', 'hiếp dâm', 'xâm hại', 'giết người'] },
      { label: 'bắt cóc', phrases: ['bắt cóc'] },
      {
        label: 'beat',
        phrases: [
          'beat',
          'beaten',
          'beating',
          'assault',
          'assaulted',
          'attacked',
          'rape',
          'murder',
        ],
      },
      { label: 'stab', phrases: ['stab', 'stabbed', 'stabbing', 'shot', 'shooting'] },
      { label: 'kidnap', phrases: ['kidnap', 'kidnapped', 'kidnapping', 'abducted'] },
    ],
  },
];

// Phrases are written with diacritics for readability; folded and padded (padWords) once at load.
const COMPILED = FAMILIES.map((f) => ({
  ...f,
  terms: f.terms.map((t) => ({
    label: t.label,
    phrases: t.phrases.map((p) => padWords(normalizeText(p))),
  })),
}));

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Clocks of callers and tipsters drift; a small "future" occurredAt is still a fresh report.
const CLOCK_SKEW_MS = 15 * 60 * 1000;

type RecencyCode = 'recent_2h' | 'recent_24h' | 'old_report';

function recency(
  occurredAt: Date | null | undefined,
  receivedAt: Date,
): [number, string, RecencyCode] | null {
  if (!occurredAt || Number.isNaN(occurredAt.getTime()) || Number.isNaN(receivedAt.getTime())) {
    return null;
  }
  const lag = receivedAt.getTime() - occurredAt.getTime();
  if (lag < -CLOCK_SKEW_MS) return null; // occurredAt in the future: bad data, not a signal
  if (lag <= 2 * HOUR_MS) return [10, 'reported within 2 h of the event', 'recent_2h'];
  if (lag <= 24 * HOUR_MS) return [5, 'reported within 24 h of the event', 'recent_24h'];
  if (lag > 30 * DAY_MS) {
    return [-10, 'event occurred more than 30 days before the report', 'old_report'];
  }
  return null;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}

/** Deterministic 0..100 urgency score with the reasons that produced it. */
export function scorePriority(input: PriorityInput): PriorityResult {
  const reasons: string[] = [];
  const codes: Reason[] = [];
  let score = 0;
  const add = (delta: number, what: string, code: string, params: Reason['params']): void => {
    score += delta;
    reasons.push(`${what}: ${signed(delta)}`);
    codes.push({ code, params: { ...params, points: delta } });
  };

  const base = CATEGORY_BASE[input.category];
  add(base, `category ${input.category}`, 'category', { category: input.category });

  // hasPhrase(), with the text padded once for every phrase.
  const text = padWords(input.normalized ?? normalizeText(input.description));
  for (const family of COMPILED) {
    // Each family counts once, labelled by the first term that matched.
    const hit = family.terms.find((t) => t.phrases.some((p) => text.includes(p)));
    if (hit) {
      add(family.boost, `keyword ${family.name} (${hit.label})`, 'keyword', {
        family: family.name,
        term: hit.label,
      });
    }
  }

  const channelDelta = CHANNEL_ADJUST[input.channel];
  if (channelDelta !== 0) {
    add(channelDelta, `channel ${input.channel}`, 'channel', { channel: input.channel });
  }

  const fresh = recency(input.occurredAt, input.receivedAt);
  if (fresh) add(fresh[0], fresh[1], fresh[2], {});

  const priority = Math.max(0, Math.min(100, Math.round(score)));
  if (priority !== score) {
    reasons.push(`clamped to ${priority}`);
    codes.push({ code: 'clamped', params: { priority } });
  }
  return { priority, reasons, codes };
}

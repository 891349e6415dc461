import { CATEGORIES, CATEGORY_LABELS, type Category } from './reference';

/**
 * Why triage or linkage decided something, as a stable code with its parameters. The code is
 * what programs compare; `explainReason` turns it into a line in Vietnamese and in English.
 * Parameters never hold tip text: only categories, channels, keyword-list terms, numbers,
 * references and the entity values (phones, plates, addresses) that linkage matched.
 */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface ReasonText {
  vi: string;
  en: string;
}

export interface ExplainedReason extends ReasonText {
  code: string;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;

// ---------------------------------------------------------------------------------------------
// Formatting

/** A number the way each language writes it: '0,55' in Vietnamese, '0.55' in English. */
function num(v: string | number | undefined, lang: 'vi' | 'en', digits?: number): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n)) return '?';
  const s = digits === undefined ? String(n) : n.toFixed(digits);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function signed(v: string | number | undefined): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === undefined || !Number.isFinite(n)) return '?';
  return n >= 0 ? `+${n}` : `${n}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Ids shown to people: the first 8 characters are enough to tell records apart on a screen. */
function shortId(v: unknown): string {
  const s = str(v);
  return s.length > 8 ? s.slice(0, 8) : s;
}

/** ' 1a2b3c4d' after a noun ('vụ án', 'case'), or nothing when the id is missing. */
function idSuffix(v: unknown): string {
  const id = shortId(v);
  return id ? ` ${id}` : '';
}

function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);
}

function categoryText(v: unknown): ReasonText {
  if (isCategory(v)) return CATEGORY_LABELS[v];
  const s = str(v) || '?';
  return { vi: s, en: s };
}

const CHANNEL_TEXT: Record<string, ReasonText> = {
  hotline: { vi: 'đường dây nóng', en: 'hotline' },
  walk_in: { vi: 'trực tiếp', en: 'walk-in' },
  web: { vi: 'trang web', en: 'website' },
  app: { vi: 'ứng dụng', en: 'app' },
  patrol: { vi: 'tuần tra', en: 'patrol' },
};

function channelText(v: unknown): ReasonText {
  const s = str(v);
  return CHANNEL_TEXT[s] ?? { vi: s || '?', en: s || '?' };
}

const KEYWORD_FAMILY_TEXT: Record<string, ReasonText> = {
  explosives: { vi: 'chất nổ', en: 'explosives' },
  weapons: { vi: 'vũ khí', en: 'weapons' },
  drugs: { vi: 'ma túy', en: 'drugs' },
  children: { vi: 'trẻ em', en: 'children' },
  violence: { vi: 'bạo lực', en: 'violence' },
};

/** The urgent signals triage recognises (libs/triage analysis/urgency.ts). */
export const URGENT_SIGNAL_TEXT: Record<string, ReasonText> = {
  weapon_in_use: { vi: 'đang dùng vũ khí', en: 'weapon in use' },
  explosive: { vi: 'bom, mìn, chất nổ', en: 'explosive' },
  kidnapping: { vi: 'bắt cóc, giữ người', en: 'kidnapping' },
  missing_child: { vi: 'trẻ em mất tích hoặc gặp nguy', en: 'missing or endangered child' },
  suicide: { vi: 'có người định tự tử', en: 'suicide attempt or threat' },
  violence_in_progress: { vi: 'bạo lực đang diễn ra', en: 'violence in progress' },
  fire: { vi: 'cháy, hỏa hoạn', en: 'fire' },
  trapped_or_hurt: {
    vi: 'có người mắc kẹt hoặc bị thương nặng',
    en: 'someone trapped or badly hurt',
  },
};

const ENTITY_KIND_TEXT: Record<string, ReasonText> = {
  phone: { vi: 'số điện thoại', en: 'phone' },
  plate: { vi: 'biển số', en: 'plate' },
  address: { vi: 'địa chỉ', en: 'address' },
  landmark: { vi: 'địa danh', en: 'landmark' },
  person: { vi: 'người', en: 'person' },
};

function entityKind(kind: unknown): ReasonText {
  const s = str(kind);
  return ENTITY_KIND_TEXT[s] ?? { vi: s || '?', en: s || '?' };
}

/** 'phone 0901234567, plate 59a12345' (linkage's shared items) in each language. */
function sharedItems(v: unknown): ReasonText {
  const items = (Array.isArray(v) ? v.map(str) : str(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const render = (lang: 'vi' | 'en') =>
    items
      .map((item) => {
        const space = item.indexOf(' ');
        if (space < 0) return item;
        const kind = ENTITY_KIND_TEXT[item.slice(0, space)];
        return kind ? `${kind[lang]} ${item.slice(space + 1)}` : item;
      })
      .join(', ');
  return { vi: render('vi'), en: render('en') };
}

// ---------------------------------------------------------------------------------------------
// The catalogue

type Explain = (p: Params) => ReasonText;

const fixed =
  (vi: string, en: string): Explain =>
  () => ({ vi, en });

const CATALOGUE: Record<string, Explain> = {
  // Priority (scorePriority)
  category: (p) => {
    const c = categoryText(p.category);
    return {
      vi: `Loại tin «${c.vi}»: ${signed(p.points)}`,
      en: `Category ${c.en}: ${signed(p.points)}`,
    };
  },
  keyword: (p) => {
    const f = KEYWORD_FAMILY_TEXT[str(p.family)] ?? { vi: str(p.family), en: str(p.family) };
    const term = str(p.term);
    return {
      vi: `Từ khóa nhóm ${f.vi}${term ? ` («${term}»)` : ''}: ${signed(p.points)}`,
      en: `Keyword, ${f.en}${term ? ` ("${term}")` : ''}: ${signed(p.points)}`,
    };
  },
  channel: (p) => {
    const c = channelText(p.channel);
    return {
      vi: `Kênh tiếp nhận ${c.vi}: ${signed(p.points)}`,
      en: `Channel ${c.en}: ${signed(p.points)}`,
    };
  },
  recent_2h: (p) => ({
    vi: `Báo trong vòng 2 giờ sau sự việc: ${signed(p.points)}`,
    en: `Reported within 2 h of the event: ${signed(p.points)}`,
  }),
  recent_24h: (p) => ({
    vi: `Báo trong vòng 24 giờ sau sự việc: ${signed(p.points)}`,
    en: `Reported within 24 h of the event: ${signed(p.points)}`,
  }),
  old_report: (p) => ({
    vi: `Sự việc xảy ra hơn 30 ngày trước khi báo: ${signed(p.points)}`,
    en: `Event occurred more than 30 days before the report: ${signed(p.points)}`,
  }),
  clamped: (p) => ({
    vi: `Giới hạn mức ưu tiên ở ${num(p.priority, 'vi')}`,
    en: `Clamped to ${num(p.priority, 'en')}`,
  }),

  // Urgency
  urgent: (p) => {
    const s = URGENT_SIGNAL_TEXT[str(p.signal)] ?? { vi: str(p.signal), en: str(p.signal) };
    return { vi: `Đe dọa tính mạng: ${s.vi}`, en: `Threat to life: ${s.en}` };
  },
  urgent_floor: (p) => ({
    vi: `Tin khẩn: mức ưu tiên nâng lên ${num(p.priority, 'vi')}`,
    en: `Urgent: priority raised to ${num(p.priority, 'en')}`,
  }),

  // Quality: rejected as spam
  spam_symbols: fixed('Nội dung chủ yếu là ký hiệu', 'The description is mostly symbols'),
  spam_advertising: fixed(
    'Nội dung là quảng cáo, rao vay tiền hoặc cờ bạc',
    'The description reads as advertising or promotion',
  ),
  spam_repeated_chars: fixed(
    'Nội dung chủ yếu là ký tự lặp lại',
    'The description is mostly repeated characters',
  ),
  spam_repeated_words: fixed(
    'Nội dung chủ yếu là một từ lặp lại',
    'The description is mostly repeated words',
  ),
  spam_random: fixed(
    'Nội dung là các ký tự gõ bừa',
    'The description looks like random characters',
  ),
  spam_test: fixed('Nội dung là tin nhắn thử', 'The description looks like a test message'),
  spam_shouting: fixed(
    'Nội dung viết hoa toàn bộ, không có thông tin cụ thể',
    'The description is written in capitals without concrete content',
  ),
  // Quality: sent to a person
  vague_few_words: fixed(
    'Nội dung quá ít thông tin để xử lý',
    'The description has too few informative words to act on',
  ),
  vague_nothing_concrete: fixed(
    'Nội dung không nêu địa điểm, thời gian, đồ vật hay hành vi',
    'The description names no place, time, object or action',
  ),
  vague_hedged: fixed(
    'Nội dung mơ hồ, không nêu địa điểm hay thời gian',
    'The description hedges and names no place or time',
  ),
  unsure_advertising: fixed(
    'Có dấu hiệu quảng cáo nhưng cũng giống một tin báo; cần người xem xét',
    'Reads partly as advertising and partly as a report; a person should decide',
  ),
  tipster_replied: fixed('Người báo tin đã nhắn thêm', 'The tipster sent a new message'),

  // Duplicates
  duplicate_of: (p) => {
    const shared = sharedItems(p.shared);
    const ref = str(p.reference) || '?';
    const withSim = (lang: 'vi' | 'en') =>
      p.similarity === undefined
        ? ''
        : lang === 'vi'
          ? `độ giống văn bản ${num(p.similarity, 'vi', 2)}`
          : `text similarity ${num(p.similarity, 'en', 2)}`;
    const list = (lang: 'vi' | 'en') =>
      [
        shared[lang] ? (lang === 'vi' ? `chung ${shared.vi}` : `shared ${shared.en}`) : '',
        withSim(lang),
      ]
        .filter((s) => s !== '')
        .join(', ');
    const vi = list('vi');
    const en = list('en');
    return {
      vi: `Trùng với tin báo ${ref}${vi ? `: ${vi}` : ''}`,
      en: `Duplicate of ${ref}${en ? `: ${en}` : ''}`,
    };
  },

  // Case suggestions
  same_ward: fixed('Cùng phường', 'Same ward'),
  same_category: fixed('Cùng loại tin', 'Same category'),
  shared_entity: (p) => {
    const k = entityKind(p.kind);
    const value = str(p.value);
    return { vi: `Chung ${k.vi} ${value}`.trim(), en: `Shared ${k.en} ${value}`.trim() };
  },
  text_similarity: (p) => ({
    vi: `Độ giống văn bản với các tin của vụ án: ${num(p.similarity, 'vi', 2)}`,
    en: `Text similarity with the case's tips: ${num(p.similarity, 'en', 2)}`,
  }),
  opened_after_lead: fixed('Vụ án được mở sau đầu mối này', 'Case opened after the lead'),
};

/** Every code the catalogue explains. */
export const REASON_CODES: readonly string[] = Object.keys(CATALOGUE);

/** True when `s` is a code of the catalogue (and not, say, a reason a person wrote). */
export function isReasonCode(s: string): boolean {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, s);
}

/**
 * A reason in Vietnamese and English. A string that is a code of the catalogue
 * ('tipster_replied', 'spam_test') is explained as that code; any other string is a reason
 * written before codes existed and is shown as it is: {code: 'text', vi: s, en: s}. An unknown
 * code gets a generic line naming it.
 */
export function explainReason(r: Reason | string): ExplainedReason {
  if (typeof r === 'string') {
    if (!isReasonCode(r)) return { code: 'text', vi: r, en: r };
    return { code: r, ...CATALOGUE[r]({}) };
  }
  const text = isReasonCode(r.code)
    ? CATALOGUE[r.code](r.params ?? {})
    : { vi: `Lý do khác (${r.code})`, en: `Other reason (${r.code})` };
  return { code: r.code, ...(r.params ? { params: r.params } : {}), ...text };
}

// ---------------------------------------------------------------------------------------------
// Trace events

// Viet Nam has kept UTC+7 without daylight saving since 1975, so the local time is a fixed shift.
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** dd/MM/yyyy HH:mm in Ho Chi Minh City time, or null when `v` is not a time. */
function localTime(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number' && !(v instanceof Date)) return null;
  const t = new Date(v).getTime();
  if (Number.isNaN(t)) return null;
  const d = new Date(t + VN_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
  );
}

/** A person's note (a dismissal, review or override reason): quoted, on one line. */
function note(v: unknown): ReasonText | null {
  const s = str(v).replace(/\s+/g, ' ').trim();
  if (s === '') return null;
  return { vi: `: «${s}»`, en: `: "${s}"` };
}

/** A reason held as a code (rejectedReason, reviewReason), or a person's words. */
function reasonText(v: unknown): ReasonText | null {
  if (typeof v === 'string' && v.trim() !== '') return explainReason(v);
  if (v && typeof v === 'object' && typeof (v as Reason).code === 'string') {
    return explainReason(v as Reason);
  }
  return null;
}

function priorityText(v: unknown): ReasonText {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === undefined || v === null || v === '' || !Number.isFinite(n)) return { vi: '', en: '' };
  return { vi: `, mức ưu tiên ${n}`, en: `, priority ${n}` };
}

type Detail = Record<string, unknown>;
type Describe = (d: Detail) => ReasonText;

const EVENTS: Record<string, Describe> = {
  received: (d) => {
    const c = d.channel === undefined ? null : channelText(d.channel);
    if (d.imported === true) {
      // Its original time, in the earlier register; the `imported` event says when it came in.
      return {
        vi: `Tiếp nhận trong sổ tiếp nhận trước đây${c ? ` qua kênh ${c.vi}` : ''}`,
        en: `Tip received in an earlier register${c ? ` by ${c.en}` : ''}`,
      };
    }
    return {
      vi: `Tiếp nhận tin báo${c ? ` qua kênh ${c.vi}` : ''}`,
      en: `Tip received${c ? ` by ${c.en}` : ''}`,
    };
  },
  triaged: (d) => {
    const p = priorityText(d.priority);
    const rejected = reasonText(d.rejectedReason);
    if (rejected) {
      return {
        vi: `Sàng lọc: loại tin — ${rejected.vi}${p.vi}`,
        en: `Triage rejected the tip — ${rejected.en}${p.en}`,
      };
    }
    const review = reasonText(d.reviewReason);
    if (review) {
      return {
        vi: `Sàng lọc: chuyển người xem xét — ${review.vi}${p.vi}`,
        en: `Triage sent the tip to review — ${review.en}${p.en}`,
      };
    }
    if (d.urgent === true) {
      return {
        vi: `Sàng lọc: tin khẩn, đe dọa tính mạng${p.vi}`,
        en: `Triage: urgent, threat to life${p.en}`,
      };
    }
    return { vi: `Đã sàng lọc${p.vi}`, en: `Triaged${p.en}` };
  },
  sent_to_review: (d) => {
    const r = reasonText(d.reviewReason);
    return {
      vi: `Chuyển người xem xét${r ? ` — ${r.vi}` : ''}`,
      en: `Sent to review${r ? ` — ${r.en}` : ''}`,
    };
  },
  duplicate_detected: (d) => {
    const shared = sharedItems(d.shared);
    const sim =
      d.similarity === undefined || d.similarity === null
        ? null
        : { vi: num(d.similarity as number, 'vi', 2), en: num(d.similarity as number, 'en', 2) };
    const parts = (lang: 'vi' | 'en') =>
      [
        shared[lang] ? (lang === 'vi' ? `chung ${shared.vi}` : `shared ${shared.en}`) : '',
        sim ? (lang === 'vi' ? `độ giống văn bản ${sim.vi}` : `text similarity ${sim.en}`) : '',
      ]
        .filter((s) => s !== '')
        .join(', ');
    const of = shortId(d.duplicateOf);
    const vi = parts('vi');
    const en = parts('en');
    return {
      vi: `Phát hiện trùng với tin báo ${of || 'trước'}${vi ? ` (${vi})` : ''}`,
      en: `Found to duplicate ${of ? `tip ${of}` : 'an earlier tip'}${en ? ` (${en})` : ''}`,
    };
  },
  lead_opened: (d) => {
    const p = priorityText(d.priority);
    const n = typeof d.suggestions === 'number' ? d.suggestions : null;
    const urgent = d.urgent === true;
    return {
      vi:
        `Mở đầu mối${idSuffix(d.leadId)}${urgent ? ' (khẩn)' : ''}${p.vi}` +
        (n === null ? '' : `, ${n} vụ án gợi ý`),
      en:
        `Lead${idSuffix(d.leadId)} opened${urgent ? ' (urgent)' : ''}${p.en}` +
        (n === null ? '' : `, ${n} case suggestion${n === 1 ? '' : 's'}`),
    };
  },
  lead_joined: (d) => {
    const linked = str(d.caseId) !== '';
    return {
      vi:
        `Nhập vào đầu mối${idSuffix(d.leadId)}` +
        (linked ? `, đã gắn với vụ án${idSuffix(d.caseId)}` : ''),
      en:
        `Joined lead${idSuffix(d.leadId)}` +
        (linked ? `, linked to case${idSuffix(d.caseId)}` : ''),
    };
  },
  lead_reopened: (d) => ({
    vi:
      `Đầu mối${idSuffix(d.leadId)} được mở lại` +
      (str(d.byTipId) ? ` do có tin báo mới${idSuffix(d.byTipId)}` : ''),
    en:
      `Lead${idSuffix(d.leadId)} reopened` +
      (str(d.byTipId) ? ` by a new tip${idSuffix(d.byTipId)}` : ''),
  }),
  claimed: (d) => {
    const until = localTime(d.leaseExpiresAt);
    return {
      vi: `Điều tra viên nhận xử lý đầu mối${until ? `, giữ đến ${until}` : ''}`,
      en: `An investigator claimed the lead${until ? `, held until ${until}` : ''}`,
    };
  },
  released: (d) =>
    d.brokenLease === true
      ? {
          vi: 'Giám sát viên thu hồi đầu mối, trả về hàng chờ',
          en: 'A supervisor broke the claim; the lead is back in the queue',
        }
      : {
          vi: 'Đầu mối được trả lại hàng chờ',
          en: 'The lead was released back to the queue',
        },
  lease_expired: () => ({
    vi: 'Hết thời hạn giữ, đầu mối trở lại hàng chờ',
    en: 'The claim expired; the lead is back in the queue',
  }),
  linked: (d) => ({
    vi: `Gắn với vụ án${idSuffix(d.caseId)}`,
    en: `Linked to case${idSuffix(d.caseId)}`,
  }),
  dismissed: (d) => {
    const n = note(d.reason);
    return {
      vi: `Đầu mối bị gác lại${n ? n.vi : ''}`,
      en: `The lead was dismissed${n ? n.en : ''}`,
    };
  },
  arrest_recorded: (d) => ({
    vi: `Ghi nhận bắt giữ trong vụ án${idSuffix(d.caseId)}`,
    en: `Arrest recorded in case${idSuffix(d.caseId)}`,
  }),
  case_resolved: (d) => {
    const r = str(d.resolution);
    const how =
      r === 'solved'
        ? { vi: ': đã làm rõ', en: ': solved' }
        : r === 'unfounded'
          ? { vi: ': không có căn cứ', en: ': unfounded' }
          : { vi: '', en: '' };
    return {
      vi: `Vụ án${idSuffix(d.caseId)} kết thúc${how.vi}`,
      en: `Case${idSuffix(d.caseId)} resolved${how.en}`,
    };
  },
  case_reopened: (d) => ({
    vi: `Vụ án${idSuffix(d.caseId)} được mở lại`,
    en: `Case${idSuffix(d.caseId)} reopened`,
  }),
  message: (d) =>
    d.direction === 'from_tipster'
      ? { vi: 'Người báo tin gửi tin nhắn', en: 'The tipster sent a message' }
      : d.direction === 'to_tipster'
        ? { vi: 'Gửi tin nhắn cho người báo tin', en: 'A message was sent to the tipster' }
        : { vi: 'Tin nhắn với người báo tin', en: 'Message with the tipster' },
  reviewed: (d) => {
    const n = note(d.reason);
    const p = priorityText(d.priority);
    return d.decision === 'reject'
      ? {
          vi: `Người xem xét loại tin${n ? n.vi : ''}`,
          en: `A reviewer rejected the tip${n ? n.en : ''}`,
        }
      : {
          vi: `Người xem xét chấp nhận tin${p.vi}${n ? n.vi : ''}`,
          en: `A reviewer accepted the tip${p.en}${n ? n.en : ''}`,
        };
  },
  restored: (d) => {
    const n = note(d.reason);
    return {
      vi: `Khôi phục tin đã bị loại${n ? n.vi : ''}`,
      en: `The rejected tip was restored${n ? n.en : ''}`,
    };
  },
  unmerged: (d) => {
    const n = note(d.reason);
    const from = shortId(d.fromLeadId);
    const to = shortId(d.leadId);
    return {
      vi:
        `Tách khỏi đầu mối${idSuffix(from)}${to ? `, sang đầu mối riêng ${to}` : ''}` +
        (n ? n.vi : ''),
      en:
        `Separated from lead${idSuffix(from)}${to ? `, onto its own lead ${to}` : ''}` +
        (n ? n.en : ''),
    };
  },
  priority_overridden: (d) => {
    const n = note(d.reason);
    const from = str(d.from);
    const to = str(d.to);
    return {
      vi: `Đổi mức ưu tiên${from ? ` từ ${from}` : ''}${to ? ` thành ${to}` : ''}${n ? n.vi : ''}`,
      en: `Priority changed${from ? ` from ${from}` : ''}${to ? ` to ${to}` : ''}${n ? n.en : ''}`,
    };
  },
  attachment_added: (d) => {
    const kinds: Record<string, { vi: string; en: string }> = {
      image: { vi: 'ảnh', en: 'a photo' },
      video: { vi: 'video', en: 'a video' },
      audio: { vi: 'ghi âm', en: 'a sound recording' },
      document: { vi: 'tài liệu', en: 'a document' },
    };
    const kind = str(d.kind);
    const k = Object.prototype.hasOwnProperty.call(kinds, kind)
      ? kinds[kind]
      : { vi: 'tệp', en: 'a file' };
    return d.by === 'tipster'
      ? { vi: `Người báo tin gửi thêm ${k.vi}`, en: `The tipster added ${k.en}` }
      : {
          vi: `Thêm ${k.vi} vào tin báo`,
          en: `${k.en[0].toUpperCase()}${k.en.slice(1)} was added`,
        };
  },
  deadline_extended: (d) => {
    const n = note(d.reason);
    const days = typeof d.days === 'number' ? d.days : null;
    const until = localTime(d.decisionDueAt);
    return {
      vi:
        `Gia hạn thời hạn quyết định${days === null ? '' : ` thêm ${days} ngày`}` +
        `${until ? `, đến ${until}` : ''}${n ? n.vi : ''}`,
      en:
        `Decision deadline extended${days === null ? '' : ` by ${days} day${days === 1 ? '' : 's'}`}` +
        `${until ? `, to ${until}` : ''}${n ? n.en : ''}`,
    };
  },
  imported: (d) => {
    const ref = str(d.externalRef);
    return {
      vi: `Nhập vào hệ thống từ sổ tiếp nhận trước đây${ref ? ` (số ${ref})` : ''}`,
      en: `Imported from an earlier register${ref ? ` (record ${ref})` : ''}`,
    };
  },
};

/** Every event type `describeEvent` has its own wording for. */
export const DESCRIBED_EVENT_TYPES: readonly string[] = Object.keys(EVENTS);

/**
 * One readable line per language for a trace event. Raw detail keys and ISO times are never
 * shown: times are local (Ho Chi Minh City), ids shortened to 8 characters. A reason a person
 * wrote (dismissal, review, override) is quoted: it is an officer's note, not the tip's text.
 */
export function describeEvent(type: string, detail: Record<string, unknown>): ReasonText {
  if (Object.prototype.hasOwnProperty.call(EVENTS, type)) return EVENTS[type](detail ?? {});
  const name = type.replace(/_/g, ' ');
  return { vi: `Sự kiện khác (${name})`, en: `Other event (${name})` };
}

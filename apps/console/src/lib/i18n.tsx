import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

/** Vietnamese first, English second. Each text is written in both, side by side, where it is used. */
export type Lang = 'vi' | 'en';

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The text in the chosen language. */
  L: (vi: string, en: string) => string;
}

const LangContext = createContext<LangState>({
  lang: 'vi',
  setLang: () => undefined,
  L: (vi) => vi,
});

const KEY = 'tiptrace.lang';

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    localStorage.getItem(KEY) === 'en' ? 'en' : 'vi',
  );
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<LangState>(
    () => ({ lang, setLang, L: (vi, en) => (lang === 'vi' ? vi : en) }),
    [lang, setLang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

type Labels = Record<string, { vi: string; en: string }>;

export const STAGES: Labels = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  triaged: { vi: 'Đã phân loại', en: 'Triaged' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
  rejected: { vi: 'Bị loại', en: 'Rejected' },
  needs_review: { vi: 'Chờ xem xét', en: 'Needs review' },
  lead_open: { vi: 'Chờ xác minh', en: 'Lead open' },
  lead_claimed: { vi: 'Đang xác minh', en: 'Being worked' },
  linked: { vi: 'Đã gắn vụ việc', en: 'Linked to a case' },
  dismissed: { vi: 'Đã đóng', en: 'Dismissed' },
};

export const CHANNELS: Labels = {
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  walk_in: { vi: 'Trực tiếp tại trụ sở', en: 'Walk-in' },
  web: { vi: 'Trang web', en: 'Web' },
  app: { vi: 'Ứng dụng', en: 'App' },
  patrol: { vi: 'Tuần tra', en: 'Patrol' },
};

export const SEVERITIES: Labels = {
  less_serious: { vi: 'Ít nghiêm trọng', en: 'Less serious' },
  serious: { vi: 'Nghiêm trọng', en: 'Serious' },
  very_serious: { vi: 'Rất nghiêm trọng', en: 'Very serious' },
  especially_serious: { vi: 'Đặc biệt nghiêm trọng', en: 'Especially serious' },
};

export const CASE_KINDS: Labels = {
  criminal: { vi: 'Hình sự', en: 'Criminal' },
  administrative: { vi: 'Hành chính', en: 'Administrative' },
};

export const EVENTS: Labels = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  triaged: { vi: 'Phân loại', en: 'Triaged' },
  duplicate_detected: { vi: 'Phát hiện trùng lặp', en: 'Duplicate detected' },
  lead_opened: { vi: 'Mở manh mối', en: 'Lead opened' },
  claimed: { vi: 'Nhận xác minh', en: 'Claimed' },
  released: { vi: 'Trả lại hàng chờ', en: 'Released' },
  lease_expired: { vi: 'Hết thời hạn giữ', en: 'Lease expired' },
  linked: { vi: 'Gắn vào vụ việc', en: 'Linked to a case' },
  dismissed: { vi: 'Đóng manh mối', en: 'Dismissed' },
  arrest_recorded: { vi: 'Ghi nhận bắt giữ', en: 'Arrest recorded' },
  case_resolved: { vi: 'Kết thúc vụ việc', en: 'Case resolved' },
  case_reopened: { vi: 'Mở lại vụ việc', en: 'Case reopened' },
  message: { vi: 'Tin nhắn', en: 'Message' },
  sent_to_review: { vi: 'Chuyển người xem xét', en: 'Sent to review' },
  lead_joined: { vi: 'Nhập vào manh mối', en: 'Joined a lead' },
  imported: { vi: 'Nhập từ sổ cũ', en: 'Imported' },
  reviewed: { vi: 'Cán bộ xem xét', en: 'Reviewed' },
  restored: { vi: 'Khôi phục tin bị loại', en: 'Restored' },
  unmerged: { vi: 'Tách khỏi manh mối trùng', en: 'Unmerged' },
  priority_overridden: { vi: 'Đổi mức ưu tiên', en: 'Priority changed' },
  attachment_added: { vi: 'Thêm tệp', en: 'File added' },
  lead_reopened: { vi: 'Mở lại manh mối', en: 'Lead reopened' },
};

export const ROLES: Labels = {
  operator: { vi: 'Trực ban tiếp nhận', en: 'Operator' },
  investigator: { vi: 'Điều tra viên', en: 'Investigator' },
  supervisor: { vi: 'Chỉ huy', en: 'Supervisor' },
  admin: { vi: 'Quản trị', en: 'Administrator' },
};

export const PUBLIC_STATUS: Record<string, { vi: string; en: string }> = {
  received: {
    vi: 'Đã nhận. Tin báo của bạn đang chờ được xem xét.',
    en: 'Received. Your tip is waiting to be looked at.',
  },
  under_review: {
    vi: 'Đang xác minh. Tin báo đã được tiếp nhận để cán bộ xem xét, kiểm tra.',
    en: 'Under review. Your tip has been taken on for an officer to look into.',
  },
  closed: {
    vi: 'Đã khép lại. Việc xử lý tin báo này đã kết thúc.',
    en: 'Closed. The work on this tip has ended.',
  },
};

/** The chosen language's side of a text the API gives in both. */
export function pick(text: { vi: string; en: string } | null | undefined, lang: Lang): string {
  return text ? text[lang] : '';
}

/**
 * Reasons in the chosen language: from `details` (both languages) when the API gives them,
 * else the plain list (English), so an older answer still shows something.
 */
export function reasonList(
  details: { vi: string; en: string }[] | undefined,
  plain: string[],
  lang: Lang,
): string[] {
  return details && details.length ? details.map((d) => d[lang]) : plain;
}

/** A label from one of the lists above, or the raw value when it is not listed. */
export function label(list: Labels, value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return list[value]?.[lang] ?? value;
}

const VI_MESSAGES: [RegExp, string][] = [
  [/must be (\d+) to (\d+) characters/, 'phải dài từ $1 đến $2 ký tự'],
  [/between (\d+) and (\d+) characters/, 'phải dài từ $1 đến $2 ký tự'],
  [/longer than or equal to (\d+) characters/, 'phải dài ít nhất $1 ký tự'],
  [/shorter than or equal to (\d+) characters/, 'chỉ được dài tối đa $1 ký tự'],
  [/must not be greater than (\d+)/, 'không được lớn hơn $1'],
  [/must not be less than (\d+)/, 'không được nhỏ hơn $1'],
  [/must be (\d+) to (\d+)\b/, 'phải từ $1 đến $2'],
  [/must be an integer/, 'phải là số nguyên'],
  [/must be one of/, 'chưa chọn hoặc không có trong danh sách'],
  [/must be an email address/, 'không phải địa chỉ email hợp lệ'],
  [/must be true or false/, 'phải là có hoặc không'],
  [/must be an ISO-8601 time|must be a valid ISO 8601/i, 'thời gian không hợp lệ'],
  [/in the past|future/i, 'không được ở tương lai'],
  [/should not be empty|must be a string/, 'không được để trống'],
  [/without control characters and not blank/, 'không được để trống hay chứa ký tự điều khiển'],
  [/is not one of the wards|ward/i, 'phường không có trong danh sách'],
  [/must differ from the current password/, 'phải khác mật khẩu hiện tại'],
  [/6 digits/, 'phải là 6 chữ số ứng dụng xác thực đang hiện'],
  [/code is wrong or expired/, 'mã sai hoặc đã hết hạn: nhập mã ứng dụng đang hiện'],
];

/** The API's per-field messages are English; Vietnamese readers get a plain equivalent. */
export function fieldMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, vi] of VI_MESSAGES) {
    const m = re.exec(message);
    if (m) return vi.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return message;
}

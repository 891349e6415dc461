import i18next from 'i18next';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from '../locales/en.json';
import vi from '../locales/vi.json';

/**
 * Vietnamese first, English second. Every text of the console is a key of the message catalogues
 * (locales/vi.json, locales/en.json); a page shows one language at a time.
 */
export type Lang = 'vi' | 'en';

const KEY = 'tiptrace.lang';

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: localStorage.getItem(KEY) === 'en' ? 'en' : 'vi',
  fallbackLng: false,
  // Keys are `page.words`: the dot is part of the key, not a nesting.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The catalogue's text for `key` in the chosen language. */
  tr: (key: string, values?: Record<string, unknown>) => string;
}

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'vi',
  setLang: () => undefined,
});

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
    void i18next.changeLanguage(lang);
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  const { lang, setLang } = useContext(LangContext);
  const { t } = useTranslation(undefined, { lng: lang });
  const tr = useCallback(
    (key: string, values?: Record<string, unknown>) => t(key, { ...values, lng: lang }),
    [t, lang],
  );
  return { lang, setLang, tr };
}

/** The catalogue's prefixes for the API's codes: `stage.received`, `role.admin`… */
export const STAGES = 'stage';
export const CHANNELS = 'channel';
export const SEVERITIES = 'severity';
export const CASE_KINDS = 'case_kind';
export const EVENTS = 'event';
export const ROLES = 'role';
export const PUBLIC_STATUS = 'public_status';
export const AUDIT_ACTIONS = 'audit_action';
export const AUDIT_OUTCOMES = 'audit_outcome';

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

/** The text of an API code (`stage.received`) in `lang`, or the code when the catalogue has none. */
export function label(prefix: string, value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return i18next.exists(key, { lng: lang }) ? i18next.t(key, { lng: lang }) : value;
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

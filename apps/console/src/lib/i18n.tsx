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

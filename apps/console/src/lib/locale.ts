import type { Lang } from './i18n';

/** The `Intl` locale of each language of the console: numbers, dates and times are written its way. */
export const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

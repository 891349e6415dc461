import { fromLocalValue, toLocalValue } from './date-time';
import type { Lang } from './i18n';
import { LOCALE } from './locale';

export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(LOCALE[lang], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export function number(n: number, lang: Lang, fractionDigits?: number): string {
  return n.toLocaleString(LOCALE[lang], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/** A fraction (0.7629) as a percentage in `lang`'s way (`76,29 %`, `76.29%`). */
export function percent(fraction: number, lang: Lang, fractionDigits = 1): string {
  return fraction.toLocaleString(LOCALE[lang], {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/** Seconds as a short duration: `42 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h` (`giây/phút/giờ/ngày`). */
export function duration(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const u =
    lang === 'vi'
      ? { s: 'giây', m: 'phút', h: 'giờ', d: 'ngày' }
      : { s: 's', m: 'min', h: 'h', d: 'd' };
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} ${u.s}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${u.m}${s % 60 ? ` ${s % 60} ${u.s}` : ''}`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} ${u.h}${m ? ` ${m} ${u.m}` : ''}`;
  }
  const h = Math.floor((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} ${u.d}${h ? ` ${h} ${u.h}` : ''}`;
}

/** `mm:ss` left until `iso` at `now`; `00:00` once it has passed. */
export function timeLeft(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const left = Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
  const m = Math.floor(left / 60);
  return `${String(m).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
}

/** Percentage of `part` in `whole`, one decimal, or an empty string when there is no whole. */
export function share(part: number, whole: number, lang: Lang): string {
  if (!whole) return '';
  return percent(part / whole, lang);
}

/** `YYYY-MM-DD` of a local date. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A local `YYYY-MM-DD` as the UTC instant of its local midnight (the funnel's [from, to) bounds). */
export function dayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** The day after a local `YYYY-MM-DD`, as `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + 1));
}

/**
 * A date-time field's value (`YYYY-MM-DDTHH:mm`, the browser's zone) as the ISO-8601 instant the
 * API takes (UTC, `Z`), or undefined when empty. Text that is no such value (what was typed into
 * a field that could not read it) is given back as it is: the API names the field.
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  return fromLocalValue(value)?.toISOString() ?? value;
}

/** An ISO-8601 instant as a date-time field's value in the browser's time zone. */
export function isoToInput(iso: string): string {
  return toLocalValue(new Date(iso));
}

/** Now (minus a minute, so it is surely in the past on the server) as a date-time field's value. */
export function nowForInput(): string {
  return toLocalValue(new Date(Date.now() - 60_000));
}

/**
 * A follow-up code as the person typed it, without the blanks around it: the API reads it in any
 * case, with or without dashes and spaces.
 */
export function normaliseCode(code: string): string {
  return code.trim();
}

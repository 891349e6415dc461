import type { Lang } from './i18n';
import { LOCALE } from './locale';

/**
 * Date-time fields typed as text, one Tab stop each, read and shown the same way whatever the
 * browser's locale: the native `datetime-local` follows the browser (mm/dd/yyyy and a 12-hour
 * clock on an English system, even on a Vietnamese page) and costs a Tab per segment.
 *
 * A field's value is a wall-clock time in the browser's zone as `YYYY-MM-DDTHH:mm` (the shape of
 * a `datetime-local` value); `localInputToIso` turns it into the instant the API takes.
 * Both languages write the day first (vi-VN and en-GB), so reading does not depend on the page's
 * language; only the way a value is shown does.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` of a local time. */
export function toLocalValue(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/** The local time of a `YYYY-MM-DDTHH:mm` value, or null when it is not one. */
export function fromLocalValue(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  return localTime(+m[1], +m[2], +m[3], +m[4], +m[5]);
}

/** The local time of these parts, or null when they name no such time (31/02, 24:00…). */
function localTime(y: number, mo: number, d: number, h: number, mi: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const t = new Date(y, mo - 1, d, h, mi);
  // Date rolls 31/02 over into March; a time the clocks skip moves too. Neither is what was typed.
  const same =
    t.getFullYear() === y &&
    t.getMonth() === mo - 1 &&
    t.getDate() === d &&
    t.getHours() === h &&
    t.getMinutes() === mi;
  return same ? t : null;
}

// Words people type around a date or a time: "ngày 25/12 lúc 14 giờ 30", "on 25/12 at 2pm".
const FILLER = /(^|\s)(ngày|lúc|vào|at|on)(?=\s|$)/g;
const DATE = String.raw`(\d{1,4})[./-](\d{1,2})(?:[./-](\d{1,4}))?`;
// 14:30, 14h30, 14h, 14 giờ 30 (phút), 2:30 pm, 2pm, 14:30:15 (seconds dropped).
const TIME =
  String.raw`(\d{1,2})(?:\s*(?::|h|g|giờ)\s*(?:(\d{1,2})(?:\s*(?:phút|p)\b)?(?::\d{1,2})?)?)?` +
  String.raw`\s*(am|pm|a\.m\.|p\.m\.|sa|ch)?`;
const DATE_ONLY = new RegExp(`^${DATE}$`);
const DATE_TIME = new RegExp(`^${DATE}\\s+${TIME}$`);
const TIME_DATE = new RegExp(`^${TIME}\\s+${DATE}$`);
const TIME_ONLY = new RegExp(`^${TIME}$`);

interface Parts {
  date?: { a: string; b: string; c?: string };
  time?: { h: string; m?: string; half?: string };
}

// "14" alone is not a time; "14h", "14:30" and "2pm" are (after a date, "25/12 14" is 14:00).
const MARKED = /\d\s*(?::|h|g|giờ)|am|pm|a\.m\.|p\.m\.|sa|ch/;

function split(text: string): Parts | null {
  const s = text
    .toLowerCase()
    .normalize('NFC')
    // ISO's "2023-12-25T14:30" and en-GB's own "25/12/2023, 14:30" both read as a space.
    .replace(/(\d)t(\d)/g, '$1 $2')
    .replace(/,/g, ' ')
    .replace(FILLER, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let m = DATE_ONLY.exec(s);
  if (m) return { date: { a: m[1], b: m[2], c: m[3] } };
  m = DATE_TIME.exec(s);
  if (m) return { date: { a: m[1], b: m[2], c: m[3] }, time: { h: m[4], m: m[5], half: m[6] } };
  m = TIME_DATE.exec(s);
  if (m && MARKED.test(s.slice(0, s.lastIndexOf(' ')))) {
    return { date: { a: m[4], b: m[5], c: m[6] }, time: { h: m[1], m: m[2], half: m[3] } };
  }
  m = TIME_ONLY.exec(s);
  if (m && MARKED.test(s)) return { time: { h: m[1], m: m[2], half: m[3] } };
  return null;
}

function hours(t: NonNullable<Parts['time']>): { h: number; m: number } | null {
  let h = Number(t.h);
  const m = t.m === undefined ? 0 : Number(t.m);
  if (t.half) {
    if (h < 1 || h > 12) return null;
    const pm = t.half.startsWith('p') || t.half === 'ch';
    h = (h % 12) + (pm ? 12 : 0);
  }
  return h <= 23 && m <= 59 ? { h, m } : null;
}

/**
 * Reads a typed date and time. Day first: `25/12/2023 14:30`, `25-12-23 14h30`, `25.12 14:30`,
 * `14:30 25/12/2023` (vi-VN's order), `25/12/2023, 2:30 pm`, `2023-12-25T14:30` (ISO), a date
 * alone (midnight) or a time alone (the day). A date without a year, or a time without a date,
 * is the latest such time not after `now`: the fields ask when something happened.
 *
 * Gives `''` for blank text, the `YYYY-MM-DDTHH:mm` value, or null when the text is not a date
 * and time (the field says so).
 */
export function parseDateTime(text: string, now: Date = new Date()): string | null {
  if (!text.trim()) return '';
  const parts = split(text);
  if (!parts) return null;
  const clock = parts.time ? hours(parts.time) : { h: 0, m: 0 };
  if (!clock) return null;
  if (!parts.date) {
    const today = localTime(now.getFullYear(), now.getMonth() + 1, now.getDate(), clock.h, clock.m);
    if (!today) return null;
    if (today <= now) return toLocalValue(today);
    const y = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    const before = localTime(y.getFullYear(), y.getMonth() + 1, y.getDate(), clock.h, clock.m);
    return before ? toLocalValue(before) : null;
  }
  const { a, b, c } = parts.date;
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4) {
    // Year first (ISO): 2023-12-25.
    if (c === undefined || c.length > 2) return null;
    [year, month, day] = [Number(a), Number(b), Number(c)];
  } else {
    if (a.length > 2) return null;
    [day, month] = [Number(a), Number(b)];
    if (c === undefined) {
      const t = localTime(now.getFullYear(), month, day, clock.h, clock.m);
      if (t && t <= now) return toLocalValue(t);
      const last = localTime(now.getFullYear() - 1, month, day, clock.h, clock.m);
      return last ? toLocalValue(last) : null;
    }
    if (c.length === 2) {
      // 25/12/23: this century unless that is still to come.
      year = 2000 + Number(c);
      if (year > now.getFullYear()) year -= 100;
    } else if (c.length === 4) {
      year = Number(c);
    } else {
      return null;
    }
  }
  const t = localTime(year, month, day, clock.h, clock.m);
  return t ? toLocalValue(t) : null;
}

/**
 * A `YYYY-MM-DDTHH:mm` value as the page's language writes it: `25/12/2023 14:30` in
 * Vietnamese (day first, 24-hour clock), en-GB's own `25/12/2023, 14:30` in English. Text that
 * is not such a value is given back as it is.
 */
export function formatDateTime(value: string, lang: Lang): string {
  const t = fromLocalValue(value);
  if (!t) return value;
  if (lang === 'vi') {
    const day = `${pad(t.getDate())}/${pad(t.getMonth() + 1)}/${t.getFullYear()}`;
    return `${day} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
  }
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t);
}

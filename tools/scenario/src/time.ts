/**
 * Time helpers. District 4 lives in UTC+7 (no DST): hours of day are chosen in local time, but
 * the API speaks UTC ISO-8601. Every instant is kept inside the year both in UTC and in local
 * time, so a report counting by either calendar sees the same year.
 */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

export function localParts(ms: number): LocalParts {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Instant of a local (UTC+7) wall-clock time; month is 1-12. */
export function fromLocal(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS;
}

/** First and last instant that are in `year` both in UTC and in UTC+7. */
export function yearBounds(year: number): { start: number; end: number } {
  return { start: Date.UTC(year, 0, 1, 0, 0, 0), end: Date.UTC(year, 11, 31, 16, 59, 59) };
}

export function clamp(ms: number, min: number, max: number): number {
  return Math.min(Math.max(ms, min), max);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Local calendar day key, e.g. "2023-03-12". */
export function localDayKey(ms: number): string {
  const p = localParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

import { formatDateTime, parseDateTime } from './date-time';
import { isoToInput, localInputToIso } from './format';

/** 7 December 2026, 10:00 local time. */
const NOW = () => new Date(2026, 11, 7, 10, 0);
const parse = (text: string) => parseDateTime(text, NOW());

describe('parseDateTime', () => {
  it('reads the day first, with the year in full or in two digits', () => {
    expect(parse('25/12/2023 14:30')).toBe('2023-12-25T14:30');
    expect(parse('  25/12/2023   14:30 ')).toBe('2023-12-25T14:30');
    expect(parse('5/1/2024 9:05')).toBe('2024-01-05T09:05');
    expect(parse('25-12-2023 14:30')).toBe('2023-12-25T14:30');
    expect(parse('25.12.2023 14:30')).toBe('2023-12-25T14:30');
    expect(parse('25/12/23 14:30')).toBe('2023-12-25T14:30');
    // Two digits still to come this century are the last one's.
    expect(parse('1/1/99 08:00')).toBe('1999-01-01T08:00');
  });

  it('reads what the console itself shows, in either language', () => {
    expect(parse('25/12/2023, 14:30')).toBe('2023-12-25T14:30'); // en-GB
    expect(parse('14:30 25/12/2023')).toBe('2023-12-25T14:30'); // vi-VN's toLocaleString
    for (const lang of ['vi', 'en'] as const) {
      expect(parse(formatDateTime('2023-12-25T14:30', lang))).toBe('2023-12-25T14:30');
    }
  });

  it('reads the ways people write a time', () => {
    expect(parse('25/12/2023 14h30')).toBe('2023-12-25T14:30');
    expect(parse('25/12/2023 14h')).toBe('2023-12-25T14:00');
    expect(parse('25/12/2023 14 giờ 30')).toBe('2023-12-25T14:30');
    expect(parse('ngày 25/12/2023 lúc 14 giờ 30 phút')).toBe('2023-12-25T14:30');
    expect(parse('25/12/2023 14:30:59')).toBe('2023-12-25T14:30');
    expect(parse('25/12/2023 2:30 pm')).toBe('2023-12-25T14:30');
    expect(parse('25/12/2023 2pm')).toBe('2023-12-25T14:00');
    expect(parse('25/12/2023 12:15 am')).toBe('2023-12-25T00:15');
    expect(parse('25/12/2023 12:15 PM')).toBe('2023-12-25T12:15');
    expect(parse('25/12/2023 2:30 CH')).toBe('2023-12-25T14:30');
    expect(parse('25/12/2023 14')).toBe('2023-12-25T14:00');
  });

  it('reads ISO 8601 as it is written', () => {
    expect(parse('2023-12-25T14:30')).toBe('2023-12-25T14:30');
    expect(parse('2023-12-25 14:30')).toBe('2023-12-25T14:30');
    expect(parse('2023-12-25')).toBe('2023-12-25T00:00');
  });

  it('gives a date without a year the latest year that is not still to come', () => {
    expect(parse('25/12 14:30')).toBe('2025-12-25T14:30');
    expect(parse('6/12 14:30')).toBe('2026-12-06T14:30');
    expect(parse('7/12 09:59')).toBe('2026-12-07T09:59');
    expect(parse('7/12 10:01')).toBe('2025-12-07T10:01');
    // 29 February without a year: only when this year or the last had one.
    expect(parseDateTime('29/2 08:00', new Date(2026, 11, 7))).toBeNull();
    expect(parseDateTime('29/2 08:00', new Date(2028, 2, 1))).toBe('2028-02-29T08:00');
  });

  it('takes a date alone as its midnight, a time alone as the latest such time', () => {
    expect(parse('25/12/2023')).toBe('2023-12-25T00:00');
    expect(parse('8:15')).toBe('2026-12-07T08:15');
    expect(parse('22h')).toBe('2026-12-06T22:00');
    // Across a month's end.
    expect(parseDateTime('23:00', new Date(2026, 0, 1, 6, 0))).toBe('2025-12-31T23:00');
  });

  it('gives an empty value for blank text', () => {
    expect(parse('')).toBe('');
    expect(parse('   ')).toBe('');
  });

  it('gives null for what is not a date and time', () => {
    for (const text of [
      'abc',
      '14',
      'hôm qua',
      '32/12/2023 10:00',
      '31/02/2023 10:00',
      '25/13/2023 10:00',
      '25/12/2023 24:00',
      '25/12/2023 14:60',
      '25/12/2023 13:00 pm',
      '25/12/2023 0am',
      '25/12/202 10:00',
      '25/12/20234 10:00',
      '2023-12 10:00',
      '12/25/2023 14:30',
      '25/12/2023 14:30 hôm đó',
      '14 25/12/2023',
      '1430',
    ]) {
      expect([text, parse(text)]).toEqual([text, null]);
    }
  });
});

describe('formatDateTime', () => {
  it('writes dd/mm/yyyy HH:mm in Vietnamese and en-GB’s own way in English', () => {
    expect(formatDateTime('2023-12-25T14:30', 'vi')).toBe('25/12/2023 14:30');
    expect(formatDateTime('2024-01-05T09:05', 'vi')).toBe('05/01/2024 09:05');
    expect(formatDateTime('2023-12-25T14:30', 'en')).toBe('25/12/2023, 14:30');
    expect(formatDateTime('2023-12-25T00:05', 'en')).toBe('25/12/2023, 00:05');
  });

  it('gives back text that is not a value', () => {
    expect(formatDateTime('', 'vi')).toBe('');
    expect(formatDateTime('25/13', 'en')).toBe('25/13');
  });
});

describe('localInputToIso', () => {
  it("sends the instant of the wall-clock time in the browser's zone, as UTC", () => {
    // The browser suite types a time in Asia/Ho_Chi_Minh and checks the +07:00 instant; here the
    // zone is the test machine's.
    expect(localInputToIso('2023-12-25T14:30')).toBe(new Date(2023, 11, 25, 14, 30).toISOString());
    expect(localInputToIso(parse('1/1/2024 03:00')!)).toBe(
      new Date(2024, 0, 1, 3, 0).toISOString(),
    );
    for (const value of ['2023-12-25T14:30', '2024-02-29T00:00', '2026-12-07T09:59']) {
      expect(localInputToIso(value)).toMatch(/Z$/);
      expect(isoToInput(localInputToIso(value)!)).toBe(value);
    }
  });

  it('leaves out an empty field and gives back text it cannot read, for the API to name', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('25/13/2023')).toBe('25/13/2023');
  });
});

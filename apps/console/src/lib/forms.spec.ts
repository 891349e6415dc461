import vi from '../locales/vi.json';
import { passwordRule, rules } from './forms';

const catalogue = vi as Record<string, string>;
const tr = (key: string, values: Record<string, unknown> = {}): string =>
  (catalogue[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

describe('the forms’ rules: the API’s bounds, in the page’s words', () => {
  const rule = rules(tr);

  it('text: the length the API takes, not blank, no control characters', () => {
    const reason = rule.text(3, 500);
    expect(reason('')).toBe('phải dài từ 3 đến 500 ký tự');
    expect(reason('ab')).toBe('phải dài từ 3 đến 500 ký tự');
    expect(reason('abc')).toBe(true);
    expect(reason('a\u0000bc')).toBe('không được chứa ký tự điều khiển');
    expect(rule.text(1, 200)('   ')).toBe('không được để trống');
    const address = rule.text(0, 300, true);
    expect(address('')).toBe(true);
    expect(address('x'.repeat(301))).toBe('chỉ được dài tối đa 300 ký tự');
  });

  it('integer: a whole number in range, or empty when optional', () => {
    expect(rule.integer(0, 100, true)('')).toBe(true);
    expect(rule.integer(0, 100)('')).toBe('phải là số nguyên từ 0 đến 100');
    expect(rule.integer(0, 100)('100')).toBe(true);
    expect(rule.integer(0, 100)('101')).toBe('phải là số nguyên từ 0 đến 100');
    expect(rule.integer(0, 100)('2.5')).toBe('phải là số nguyên từ 0 đến 100');
  });

  it('pastTime: not in the future, and not before a given time', () => {
    expect(rule.pastTime(true)('')).toBe(true);
    expect(rule.pastTime()('')).toBe('không được để trống');
    expect(rule.pastTime()('2999-01-01T00:00')).toBe(vi['form.past_time']);
    expect(rule.pastTime()('2024-05-01T10:00')).toBe(true);
    const after = new Date(2024, 4, 1, 10, 30).toISOString();
    expect(rule.pastTime(false, after)('2024-05-01T10:29')).toBe(vi['form.before_case_time']);
    expect(rule.pastTime(false, after)('2024-05-01T10:30')).toBe(true);
  });

  it('email and pickers', () => {
    expect(rule.email()('')).toBe(true);
    expect(rule.email()('a@b.vn')).toBe(true);
    expect(rule.email()('a@b')).toBe(vi['form.email']);
    expect(rule.chosen()('')).toBe(vi['form.choose_from_list']);
    expect(passwordRule(tr)('short')).toBe('phải dài từ 10 đến 1024 ký tự');
    expect(passwordRule(tr)('long-enough-1')).toBe(true);
  });
});

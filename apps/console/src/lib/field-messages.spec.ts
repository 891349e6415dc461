import en from '../locales/en.json';
import vi from '../locales/vi.json';
import { fieldMessage, fieldMessages } from './field-messages';

/** The catalogue's text with i18next's `{{name}}` values filled in. */
const tr =
  (catalogue: Record<string, string>) =>
  (key: string, values: Record<string, unknown> = {}): string =>
    (catalogue[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

describe('fieldMessage: the API’s per-field messages in the page’s language', () => {
  it('words a message by its rule and bounds, from the catalogue', () => {
    const code = { code: 'isLength', args: [3, 500] };
    const message = 'reason must be 3 to 500 characters';
    expect(fieldMessage(message, code, 'vi', tr(vi))).toBe('phải dài từ 3 đến 500 ký tự');
    expect(fieldMessage(message, code, 'en', tr(en))).toBe('must be 3 to 500 characters');
    expect(fieldMessage('x', { code: 'maxLength', args: [300] }, 'vi', tr(vi))).toBe(
      'chỉ được dài tối đa 300 ký tự',
    );
    expect(fieldMessage('x', { code: 'beforeCaseTime' }, 'vi', tr(vi))).toBe(
      'không được trước thời điểm xảy ra vụ việc',
    );
  });

  it('never shows English on a Vietnamese page, even for a rule it does not know', () => {
    const message = 'something new must be otherwise';
    expect(fieldMessage(message, { code: 'isSomethingNew' }, 'vi', tr(vi))).toBe(
      vi['form.invalid'],
    );
    expect(fieldMessage(message, undefined, 'vi', tr(vi))).toBe(vi['form.invalid']);
    expect(fieldMessage(message, undefined, 'en', tr(en))).toBe(message);
    // A bounded rule without its bounds is not worded with "undefined".
    expect(fieldMessage(message, { code: 'isLength' }, 'vi', tr(vi))).toBe(vi['form.invalid']);
  });

  it('says the same thing once', () => {
    const codes = [{ code: 'isString' }, { code: 'isNotEmpty' }];
    expect(fieldMessages(['a', 'b'], codes, 'vi', tr(vi))).toEqual(['không được để trống']);
  });

  it('has every form message in both catalogues', () => {
    const keys = (c: Record<string, string>) => Object.keys(c).filter((k) => k.startsWith('form.'));
    expect(keys(en)).toEqual(keys(vi));
  });
});

import type { components } from './api-schema';

/**
 * The API's per-field messages are English sentences; the console words them itself from the
 * catalogues, by the rule each message is about (`codes` of a 400: the class-validator constraint,
 * or a route's own rule, with its numeric bounds).
 */
export type FieldCode = NonNullable<components['schemas']['ApiError']['codes']>[string][number];

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A rule of the API → the catalogue key of its words, and its bounds as named values. */
const BY_CODE: Record<string, (args: number[]) => [string, Record<string, unknown>?]> = {
  isLength: ([min, max]) =>
    max === undefined ? ['form.min_length', { min }] : ['form.length_between', { min, max }],
  minLength: ([min]) => ['form.min_length', { min }],
  maxLength: ([max]) => ['form.max_length', { max }],
  min: ([min]) => ['form.min', { min }],
  max: ([max]) => ['form.max', { max }],
  isInt: () => ['form.integer'],
  isNumber: () => ['form.integer'],
  isString: () => ['form.required'],
  isNotEmpty: () => ['form.required'],
  isDefined: () => ['form.required'],
  isIn: () => ['form.choose_from_list'],
  isEnum: () => ['form.choose_from_list'],
  isWard: () => ['form.ward'],
  isEmail: () => ['form.email'],
  isBoolean: () => ['form.true_or_false'],
  isPastIsoTime: () => ['form.past_time'],
  isIso8601: () => ['form.time'],
  isISO8601: () => ['form.time'],
  isCleanText: () => ['form.not_blank'],
  noControlCharacters: () => ['form.no_control_characters'],
  matches: () => ['form.format'],
  beforeCaseTime: () => ['form.before_case_time'],
  samePassword: () => ['form.same_password'],
  wrongCode: () => ['form.wrong_code'],
};

/**
 * One of the API's messages in the page's language: the catalogue's words for its rule, else
 * (an answer without a known rule) the API's own sentence in English and a plain "not valid"
 * in Vietnamese.
 */
export function fieldMessage(
  message: string,
  code: FieldCode | undefined,
  lang: 'vi' | 'en',
  tr: Translate,
): string {
  const words = code ? BY_CODE[code.code] : undefined;
  if (words) {
    const [key, values] = words(code?.args ?? []);
    const bounded = !values || Object.values(values).every((v) => typeof v === 'number');
    if (bounded) return tr(key, values);
  }
  return lang === 'en' ? message : tr('form.invalid');
}

/** A field's messages worded, each once (two rules may say the same thing). */
export function fieldMessages(
  messages: string[],
  codes: FieldCode[] | undefined,
  lang: 'vi' | 'en',
  tr: Translate,
): string[] {
  return [...new Set(messages.map((m, i) => fieldMessage(m, codes?.[i], lang, tr)))];
}

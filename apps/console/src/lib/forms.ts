import type { FieldErrors, FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { ApiError } from './api';
import { fieldMessages } from './field-messages';
import { localInputToIso } from './format';
import type { Lang } from './i18n';

/**
 * The forms of the console are react-hook-form forms. The rules below are the API's own (the same
 * bounds as its DTOs), worded from the catalogues, so most mistakes are shown before anything is
 * sent; what only the API can tell (a 400's messages) goes onto the same fields with
 * `setServerErrors`.
 */
type Translate = (key: string, values?: Record<string, unknown>) => string;
type Check = (value: string) => true | string;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The rules a field's `validate` takes, worded in the page's language. */
export function rules(tr: Translate) {
  return {
    /** Text of `min` to `max` characters, not blank (`optional`: empty is fine). */
    text:
      (min: number, max: number, optional = false): Check =>
      (v) => {
        const between = () =>
          min > 0 ? tr('form.length_between', { min, max }) : tr('form.max_length', { max });
        if (v.trim() === '') return optional || (min > 1 ? between() : tr('form.required'));
        if (v.length < min || v.length > max) return between();
        return !CONTROL.test(v) || tr('form.no_control_characters');
      },
    /** A picker left on its "choose" line. */
    chosen: (): Check => (v) => v !== '' || tr('form.choose_from_list'),
    /** An email address, when one is given. */
    email:
      (optional = true): Check =>
      (v) =>
        (optional && v.trim() === '') ||
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ||
        tr('form.email'),
    /** A whole number from `min` to `max` (`optional`: empty is fine). */
    integer:
      (min: number, max: number, optional = false): Check =>
      (v) => {
        if (v.trim() === '') return optional || tr('form.integer_between', { min, max });
        const n = Number(v);
        return (
          (Number.isInteger(n) && n >= min && n <= max) || tr('form.integer_between', { min, max })
        );
      },
    /** A `datetime-local` value that has passed (`optional`: empty is fine); `after`: not before it. */
    pastTime:
      (optional = false, after?: string): Check =>
      (v) => {
        if (v === '') return optional || tr('form.required');
        const iso = localInputToIso(v);
        if (!iso || Number.isNaN(Date.parse(iso))) return tr('form.time');
        // The API allows five minutes of clock skew.
        if (Date.parse(iso) > Date.now() + 5 * 60_000) return tr('form.past_time');
        if (after && Date.parse(iso) < Date.parse(after)) return tr('form.before_case_time');
        return true;
      },
  };
}

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 1024;

/** Every new password: 10 to 1024 characters (the API's one strength rule). */
export function passwordRule(tr: Translate): Check {
  return (v) =>
    (v.length >= PASSWORD_MIN && v.length <= PASSWORD_MAX) ||
    tr('form.length_between', { min: PASSWORD_MIN, max: PASSWORD_MAX });
}

/** A field's messages for `<Field errors>` (several server messages are kept one per line). */
export function errorsOf<T extends FieldValues>(
  errors: FieldErrors<T>,
  name: FieldPath<T>,
): string[] | undefined {
  return messagesOf((errors as Record<string, { message?: unknown } | undefined>)[name]);
}

/** One field's error as the lines shown under it. */
export function messagesOf(error: { message?: unknown } | undefined): string[] | undefined {
  const message = error?.message;
  return typeof message === 'string' && message ? message.split('\n') : undefined;
}

/**
 * Puts a 400's messages on the form's fields, each worded in the page's language: `names` maps
 * the API's field names (`tipster.phone`, `newCase.title`) to the form's, in the form's order, and
 * the first field named gets the focus. Returns whether any message found its field (the rest is
 * for the note above the button).
 */
export function setServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  err: unknown,
  names: Record<string, FieldPath<T>>,
  lang: Lang,
  tr: Translate,
): boolean {
  if (!(err instanceof ApiError)) return false;
  let placed = false;
  for (const [apiField, name] of Object.entries(names)) {
    const messages = err.fields[apiField];
    if (!messages?.length) continue;
    const words = fieldMessages(messages, err.codes[apiField], lang, tr);
    form.setError(name, { type: 'server', message: words.join('\n') }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}

/** Any failure as an ApiError (a network failure is status 0). */
export const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError(0, String(err));

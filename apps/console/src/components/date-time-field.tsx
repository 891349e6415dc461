import { useState, type Ref } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { formatDateTime, parseDateTime } from '../lib/date-time';
import { messagesOf } from '../lib/forms';
import { useLang } from '../lib/i18n';
import { Field } from './ui';

/**
 * A date and time typed as text in one field (one Tab stop), shown the page's language's way:
 * `25/12/2023 14:30` in Vietnamese, `25/12/2023, 14:30` in English, whatever the browser's
 * locale. It reads what people type (`25/12 14:30`, `14h30`, `2:30 pm`…, see parseDateTime) and
 * writes it back in full when the focus leaves it, so the year it took is seen.
 *
 * `value` and `onChange` carry `YYYY-MM-DDTHH:mm` in the browser's zone (a `datetime-local`
 * value; `localInputToIso` gives the API's instant), `''` when blank, or the text as typed when
 * it cannot be read: the field says so under it, and the API refuses it by name if it is sent.
 */
export function DateTimeField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** The API's messages for the field. */
  errors?: string[];
  /** The API's name of the field, for forms that focus the first field it named. */
  dataField?: string;
  className?: string;
  /** A form library's hooks: told when the field is left, and given the input to focus. */
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { tr, lang } = useLang();
  const [text, setText] = useState(() => formatDateTime(props.value, lang));
  // The value and the language the text was last written for: a value set from outside (a
  // default, a cleared form) or another language writes the text again.
  const [shown, setShown] = useState({ value: props.value, lang });
  const [focused, setFocused] = useState(false);
  const [left, setLeft] = useState(false);
  if (shown.value !== props.value || (shown.lang !== lang && !focused)) {
    setShown({ value: props.value, lang });
    setText(formatDateTime(props.value, lang));
  }
  const unreadable = text.trim() !== '' && parseDateTime(text) === null;
  // Said once the focus has left the field (not while typing), or when the API named it.
  const errors =
    unreadable && ((left && !focused) || props.errors?.length)
      ? [tr('date-time.cannot_read')]
      : props.errors;

  const change = (next: string) => {
    const parsed = parseDateTime(next);
    const value = parsed ?? next;
    setText(next);
    setShown({ value, lang });
    props.onChange(value);
  };

  return (
    <Field label={props.label} errors={errors} className={props.className}>
      {(id, describedBy) => (
        <input
          ref={props.inputRef}
          id={id}
          type="text"
          name={props.name}
          data-field={props.dataField}
          autoComplete="off"
          spellCheck={false}
          placeholder={tr('date-time.placeholder')}
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => change(e.target.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setLeft(true);
            // Written in full once read: the year and the time it took are seen.
            const parsed = parseDateTime(text);
            if (parsed) setText(formatDateTime(parsed, lang));
            props.onBlur?.();
          }}
        />
      )}
    </Field>
  );
}

/**
 * A DateTimeField bound to a react-hook-form form by its name: the form holds its value, checks
 * it with `rules`, shows its messages under it and focuses it when it is the first bad field.
 */
export function FormDateTimeField<T extends FieldValues>(props: {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  /** The field's check: true, or the message to show. */
  validate?: (value: string) => true | string;
  dataField?: string;
}) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      rules={{
        validate: (v: unknown) => props.validate?.(typeof v === 'string' ? v : '') ?? true,
      }}
      render={({ field, fieldState }) => (
        <DateTimeField
          label={props.label}
          name={props.name}
          dataField={props.dataField}
          errors={messagesOf(fieldState.error)}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
        />
      )}
    />
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { useLang } from '../lib/i18n';
import { ErrorNote, Field } from './ui';
import './reason-dialog.css';

export interface ReasonDialogProps {
  title: string;
  /** What the action does, in one or two sentences above the fields. */
  explain: string;
  confirm: string;
  danger?: boolean;
  /** Ask for a priority (0–100) as well, starting at this value. */
  priority?: number;
  /** What a 409 means for this action, in plain words. */
  conflict: string;
  /** Makes the call; throws the ApiError when it fails (shown in the dialog). */
  onConfirm: (reason: string, priority?: number) => Promise<void>;
  /** The dialog closed: done, cancelled or Esc. */
  onClose: () => void;
}

interface ReasonForm {
  reason: string;
  /** Text, as the number input holds it; empty when not asked. */
  priority: string;
}

/**
 * A person undoing or overriding what the system decided gives a reason, always. A native modal
 * <dialog>: focus stays inside it, Esc cancels, and the focus goes back to the button that opened
 * it when it closes. The API's messages appear under the fields they are about.
 */
export function ReasonDialog(p: ReasonDialogProps) {
  const { tr, lang } = useLang();
  const ref = useRef<HTMLDialogElement>(null);
  const asksPriority = p.priority !== undefined;
  const form = useForm<ReasonForm>({
    defaultValues: { reason: '', priority: asksPriority ? String(p.priority) : '' },
  });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const rule = rules(tr);
  const titleId = useId();
  const explainId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    form.setFocus(asksPriority ? 'priority' : 'reason');
  }, [form, asksPriority]);

  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await p.onConfirm(f.reason, asksPriority ? Number(f.priority) : undefined);
      ref.current?.close();
    } catch (err) {
      // The API's messages under the fields shown here (the focus on the first); anything else
      // below the form.
      const names: Record<string, keyof ReasonForm> = asksPriority
        ? { priority: 'priority', reason: 'reason' }
        : { reason: 'reason' };
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });

  return (
    <dialog
      ref={ref}
      className="reason-dialog"
      aria-labelledby={titleId}
      aria-describedby={explainId}
      onClose={p.onClose}
      data-testid="reason-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={titleId}>{p.title}</h2>
        <p id={explainId} className="hint">
          {p.explain}
        </p>
        {asksPriority ? (
          <Field
            label={tr('reason-dialog.new_priority_0_100')}
            errors={errorsOf(errors, 'priority')}
          >
            {(id, d) => (
              <input
                id={id}
                type="number"
                min={0}
                max={100}
                step={1}
                inputMode="numeric"
                aria-required="true"
                aria-describedby={d}
                {...form.register('priority', { validate: rule.integer(0, 100) })}
              />
            )}
          </Field>
        ) : null}
        <Field
          label={tr('reason-dialog.reason_required')}
          errors={errorsOf(errors, 'reason')}
          hint={tr('reason-dialog.recorded_in_the_log_with_your_name')}
        >
          {(id, d) => (
            <input
              id={id}
              autoComplete="off"
              maxLength={500}
              aria-required="true"
              aria-describedby={d}
              {...form.register('reason', { validate: rule.text(3, 500) })}
            />
          )}
        </Field>
        <ErrorNote error={error} conflict={p.conflict} />
        <div className="actions">
          <button type="submit" className={p.danger ? 'danger' : 'primary'} disabled={isSubmitting}>
            {p.confirm}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            {tr('reason-dialog.cancel_esc')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

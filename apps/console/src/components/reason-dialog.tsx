import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api';
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

/**
 * A person undoing or overriding what the system decided gives a reason, always. A native modal
 * <dialog>: focus stays inside it, Esc cancels, and the focus goes back to the button that opened
 * it when it closes. The API's messages appear under the fields they are about.
 */
export function ReasonDialog(p: ReasonDialogProps) {
  const { tr } = useLang();
  const ref = useRef<HTMLDialogElement>(null);
  const priorityRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState('');
  const [priority, setPriority] = useState(p.priority === undefined ? '' : String(p.priority));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const explainId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    (priorityRef.current ?? reasonRef.current)?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await p.onConfirm(
        reason,
        p.priority === undefined || priority.trim() === '' ? undefined : Number(priority),
      );
      ref.current?.close();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(0, String(err));
      setError(apiErr);
      // The focus goes to the first field the API named.
      if (apiErr.fields.priority && priorityRef.current) priorityRef.current.focus();
      else if (apiErr.fields.reason) reasonRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  // Messages about the fields shown here go under them; anything else is said below the form.
  const shown = p.priority === undefined ? ['reason'] : ['reason', 'priority'];
  const onFields = error ? shown.some((k) => error.fields[k]?.length) : false;
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
        {p.priority !== undefined ? (
          <Field label={tr('reason-dialog.new_priority_0_100')} errors={error?.fields.priority}>
            {(id, d) => (
              <input
                id={id}
                ref={priorityRef}
                type="number"
                name="priority"
                min={0}
                max={100}
                step={1}
                inputMode="numeric"
                aria-required="true"
                aria-describedby={d}
                value={priority}
                onChange={(e) => setPriority(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field
          label={tr('reason-dialog.reason_required')}
          errors={error?.fields.reason}
          hint={tr('reason-dialog.recorded_in_the_log_with_your_name')}
        >
          {(id, d) => (
            <input
              id={id}
              ref={reasonRef}
              name="reason"
              autoComplete="off"
              maxLength={500}
              aria-required="true"
              aria-describedby={d}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        {error && !onFields ? <ErrorNote error={error} conflict={p.conflict} /> : null}
        <div className="actions">
          <button type="submit" className={p.danger ? 'danger' : 'primary'} disabled={busy}>
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

import { useId, type ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { useLang } from '../lib/i18n';
import './ui.css';

/**
 * A labelled control with its field's messages under it (already in the page's language: the
 * form's rules, or the API's messages worded by lib/forms).
 */
export function Field(props: {
  label: string;
  errors?: string[];
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const has = props.errors && props.errors.length > 0;
  return (
    <div className={`field ${has ? 'field-invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, has ? errId : undefined)}
      {props.hint && !has ? <small className="hint">{props.hint}</small> : null}
      {has ? (
        // The alert role sits on a wrapper: on the list itself it would strip the items' list
        // semantics (axe "listitem") exactly when a user needs the errors read out.
        <div role="alert" id={errId} data-testid="field-error">
          <ul className="field-errors">
            {props.errors!.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * What went wrong with a call, in plain words. `conflict` replaces the general 409 sentence
 * where the page knows what a 409 means there (e.g. "this tip is no longer rejected").
 */
export function ErrorNote({ error, conflict }: { error: unknown; conflict?: string }) {
  const { tr } = useLang();
  if (!error) return null;
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(0, error instanceof Error ? error.message : 'error');
  const text =
    e.status === 0
      ? tr('ui.cannot_reach_the_server_try_again')
      : e.status === 403
        ? tr('ui.your_role_may_not_do_this')
        : e.status === 404
          ? tr('ui.not_found')
          : e.status === 409
            ? (conflict ?? tr('ui.someone_else_changed_this') + e.message)
            : e.status === 429
              ? tr('ui.too_many_tries_wait_a_few_minutes')
              : e.status === 400
                ? tr('ui.please_correct_the_marked_fields')
                : e.status >= 500
                  ? tr('ui.the_server_is_busy_try_again_later')
                  : e.message;
  return (
    <p className="error-note" role="alert">
      {text}
    </p>
  );
}

/**
 * An immediate threat to life or safety. Said in words (and read out in full by screen
 * readers), never by colour alone.
 */
export function UrgentBadge() {
  const { tr } = useLang();
  return (
    <strong
      className="badge urgent"
      data-testid="urgent-badge"
      title={tr('ui.a_threat_to_life_or_safety')}
    >
      <span aria-hidden="true">⚠ </span>
      {tr('ui.urgent')}
      <span className="sr-only">{tr('ui.a_threat_to_life_or_safety_2')}</span>
    </strong>
  );
}

export function StageBadge({ stage, text }: { stage: string; text: string }) {
  return <span className={`badge stage-${stage}`}>{text}</span>;
}

export function Card(props: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${props.className ?? ''}`}>
      {props.title ? <h2>{props.title}</h2> : null}
      {props.children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

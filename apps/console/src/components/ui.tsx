import { useId, type ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { fieldMessage, useLang } from '../lib/i18n';

/** A labelled control with the API's messages for its field under it. */
export function Field(props: {
  label: string;
  errors?: string[];
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const { lang } = useLang();
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
              <li key={m}>{fieldMessage(m, lang)}</li>
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
  const { L } = useLang();
  if (!error) return null;
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(0, error instanceof Error ? error.message : 'error');
  const text =
    e.status === 0
      ? L('Không kết nối được máy chủ. Thử lại.', 'Cannot reach the server. Try again.')
      : e.status === 403
        ? L('Vai trò của bạn không được làm việc này.', 'Your role may not do this.')
        : e.status === 404
          ? L('Không tìm thấy.', 'Not found.')
          : e.status === 409
            ? (conflict ??
              L('Có người khác đã thay đổi mục này: ', 'Someone else changed this: ') + e.message)
            : e.status === 429
              ? L(
                  'Quá nhiều lần thử. Đợi ít phút rồi thử lại.',
                  'Too many tries. Wait a few minutes.',
                )
              : e.status === 400
                ? L('Vui lòng sửa các ô được đánh dấu.', 'Please correct the marked fields.')
                : e.status >= 500
                  ? L('Máy chủ đang bận. Thử lại sau.', 'The server is busy. Try again later.')
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
  const { L } = useLang();
  return (
    <strong
      className="badge urgent"
      data-testid="urgent-badge"
      title={L('Nguy hiểm đến tính mạng hoặc an toàn', 'A threat to life or safety')}
    >
      <span aria-hidden="true">⚠ </span>
      {L('KHẨN', 'URGENT')}
      <span className="sr-only">
        {L(': nguy hiểm đến tính mạng hoặc an toàn', ': a threat to life or safety')}
      </span>
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

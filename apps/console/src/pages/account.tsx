import { useEffect, useState, type FormEvent } from 'react';
import { toString as qrSvg } from 'qrcode';
import { Card, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get } from '../lib/api';
import { label, ROLES, useLang } from '../lib/i18n';
import type { Session } from '../lib/session';
import type { MeView, MfaEnrolment } from '../lib/types';

const asError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, String(err)));

/**
 * The caller's own account: its password and its second factor. After an admin's reset, or in
 * production for supervisors and admins without two-factor login, this is the only page open.
 */
export function AccountPage(props: {
  session: Session;
  /** The password changed: every token of the account stopped working, log in again. */
  onPasswordChanged: () => void;
  /** Two-factor login is on: nothing is pending any more. */
  onMfaEnabled: () => void;
}) {
  const { L, lang } = useLang();
  const me = useQuery({
    queryKey: ['account'],
    queryFn: () => get(client.GET('/api/users/me')),
  });
  const pending = props.session.pending;
  return (
    <div className="narrow">
      {pending ? (
        <p className="note" role="status" data-testid="account-pending">
          {pending === 'password'
            ? L(
                'Quản trị viên đã đặt lại mật khẩu của bạn. Hãy đổi mật khẩu trước khi làm việc khác.',
                'An administrator reset your password. Change it before anything else.',
              )
            : L(
                'Vai trò của bạn phải bật xác thực hai lớp trước khi làm việc khác.',
                'Your role must turn on two-factor login before anything else.',
              )}
        </p>
      ) : null}
      <Card title={L('Tài khoản của tôi', 'My account')}>
        <ErrorNote error={me.error} />
        {me.data ? (
          <dl className="facts">
            <dt>{L('Tên đăng nhập', 'Username')}</dt>
            <dd>{me.data.username}</dd>
            <dt>{L('Vai trò', 'Role')}</dt>
            <dd>{label(ROLES, me.data.role, lang)}</dd>
            {me.data.displayName ? (
              <>
                <dt>{L('Tên hiển thị', 'Display name')}</dt>
                <dd>{me.data.displayName}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </Card>
      <ChangePassword onChanged={props.onPasswordChanged} />
      {me.data ? (
        <TwoFactor
          me={me.data}
          blocked={pending === 'password'}
          onEnabled={() => {
            void me.refetch();
            props.onMfaEnabled();
          }}
        />
      ) : null}
    </div>
  );
}

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const { L } = useLang();
  const [f, setF] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (f.next !== f.again) {
      setError(
        new ApiError(400, 'mismatch', {
          again: [L('Hai mật khẩu mới không khớp.', 'The two new passwords differ.')],
        }),
      );
      return;
    }
    setBusy(true);
    try {
      await call(
        client.POST('/api/users/me/password', {
          body: { currentPassword: f.current, newPassword: f.next },
        }),
      );
      setF({ current: '', next: '', again: '' });
      onChanged();
    } catch (err) {
      setError(asError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={L('Đổi mật khẩu', 'Change password')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={L('Mật khẩu hiện tại', 'Current password')}
          errors={error?.fields.currentPassword}
        >
          {(id, d) => (
            <input
              id={id}
              name="current-password"
              type="password"
              autoComplete="current-password"
              aria-describedby={d}
              value={f.current}
              onChange={(e) => setF({ ...f, current: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={L('Mật khẩu mới', 'New password')}
          errors={error?.fields.newPassword}
          hint={L('Ít nhất 10 ký tự.', 'At least 10 characters.')}
        >
          {(id, d) => (
            <input
              id={id}
              name="new-password"
              type="password"
              autoComplete="new-password"
              aria-describedby={d}
              value={f.next}
              onChange={(e) => setF({ ...f, next: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={L('Nhập lại mật khẩu mới', 'New password again')}
          errors={error?.fields.again}
        >
          {(id, d) => (
            <input
              id={id}
              name="new-password-again"
              type="password"
              autoComplete="new-password"
              aria-describedby={d}
              value={f.again}
              onChange={(e) => setF({ ...f, again: e.target.value })}
            />
          )}
        </Field>
        {error?.status === 403 ? (
          <p className="error-note" role="alert">
            {L('Mật khẩu hiện tại không đúng.', 'The current password is wrong.')}
          </p>
        ) : error?.message === 'mismatch' ? null : (
          <ErrorNote error={error} />
        )}
        <p className="hint">
          {L(
            'Sau khi đổi, bạn đăng nhập lại bằng mật khẩu mới (mọi phiên cũ kết thúc).',
            'After the change you log in again with the new password (every older session ends).',
          )}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {L('Đổi mật khẩu', 'Change password')}
        </button>
      </form>
    </Card>
  );
}

function TwoFactor(props: { me: MeView; blocked: boolean; onEnabled: () => void }) {
  const { L } = useLang();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // The QR code is drawn here, as SVG in a data: URL (the page CSP allows data: images only).
  useEffect(() => {
    if (!enrolment) return setQr(null);
    let live = true;
    qrSvg(enrolment.otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => live && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [enrolment]);

  const begin = async () => {
    setError(null);
    setBusy(true);
    try {
      setEnrolment(await get(client.POST('/api/users/me/mfa')));
      setCode('');
    } catch (err) {
      setError(asError(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await call(client.POST('/api/users/me/mfa/confirm', { body: { code: code.trim() } }));
      setEnrolment(null);
      props.onEnabled();
    } catch (err) {
      setError(asError(err));
    } finally {
      setBusy(false);
    }
  };

  if (props.me.mfaEnabled) {
    return (
      <Card title={L('Xác thực hai lớp', 'Two-factor login')}>
        <p data-testid="mfa-on">
          <strong>{L('Đang bật.', 'On.')}</strong>{' '}
          {L(
            'Mỗi lần đăng nhập cần mã của ứng dụng xác thực. Mất điện thoại: nhờ quản trị viên tắt để đăng ký lại.',
            'Each login needs the code of your authenticator app. Lost your phone? Ask an administrator to turn it off, then enrol again.',
          )}
        </p>
      </Card>
    );
  }
  return (
    <Card title={L('Xác thực hai lớp', 'Two-factor login')}>
      {!enrolment ? (
        <>
          <p>
            {L(
              'Bảo vệ tài khoản bằng mã 6 số từ ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…).',
              'Protect the account with a 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…).',
            )}
          </p>
          {props.blocked ? (
            <p className="hint">{L('Đổi mật khẩu trước đã.', 'Change your password first.')}</p>
          ) : null}
          <ErrorNote error={error} />
          <button
            type="button"
            className="primary"
            disabled={busy || props.blocked}
            onClick={() => void begin()}
          >
            {L('Bật xác thực hai lớp', 'Turn on two-factor login')}
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void confirm(e)} noValidate>
          <ol className="steps">
            <li>
              {L(
                'Quét mã QR bằng ứng dụng xác thực, hoặc nhập khóa bên dưới.',
                'Scan the QR code with the authenticator app, or type in the key below.',
              )}
            </li>
            <li>{L('Nhập mã 6 số ứng dụng hiện ra.', 'Enter the 6-digit code the app shows.')}</li>
          </ol>
          {qr ? (
            <img
              className="qr"
              src={qr}
              width={200}
              height={200}
              alt={L(
                'Mã QR để thêm tài khoản vào ứng dụng xác thực',
                'QR code for the authenticator app',
              )}
              data-testid="mfa-qr"
            />
          ) : null}
          <p>
            {L('Khóa', 'Key')}:{' '}
            <code data-testid="mfa-secret">
              {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <p className="hint">
            {L(
              'Khóa chỉ hiện một lần. Không chụp màn hình hay gửi cho ai.',
              'The key is shown this once. Do not screenshot it or send it to anyone.',
            )}
          </p>
          <Field label={L('Mã xác thực (6 số)', 'Code (6 digits)')} errors={error?.fields.code}>
            {(id, d) => (
              <input
                id={id}
                name="mfa-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                aria-describedby={d}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            )}
          </Field>
          {error && !error.fields.code ? <ErrorNote error={error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {L('Xác nhận và bật', 'Confirm and turn on')}
            </button>
            <button type="button" className="link" onClick={() => setEnrolment(null)}>
              {L('Hủy', 'Cancel')}
            </button>
          </div>
        </form>
      )}
    </Card>
  );
}

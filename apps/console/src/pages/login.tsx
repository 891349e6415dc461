import { useState, type FormEvent } from 'react';
import { ApiError, client, get } from '../lib/api';
import { useLang } from '../lib/i18n';
import { saveSession, type Session } from '../lib/session';

export function LoginPage(props: {
  expired?: boolean;
  /** A note to show above the form (e.g. after a password change). */
  note?: string;
  onLogin: (s: Session) => void;
}) {
  const { L } = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the API answered that this account needs its authenticator app's code.
  const [needsCode, setNeedsCode] = useState(false);
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await get(
        client.POST('/api/auth/login', {
          body: { username, password, ...(needsCode ? { otp: otp.trim() } : {}) },
        }),
      );
      const session: Session = {
        token: r.accessToken,
        role: r.role,
        username,
        expiresAt: Date.now() + r.expiresIn * 1000 - 5_000,
        ...(r.mustChangePassword
          ? { pending: 'password' as const }
          : r.mfaEnrolmentRequired
            ? { pending: 'mfa' as const }
            : {}),
      };
      saveSession(session);
      setPassword('');
      setOtp('');
      props.onLogin(session);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      if (err instanceof ApiError && err.flags.mfaRequired) {
        const asked = needsCode;
        setNeedsCode(true);
        setOtp('');
        setError(
          asked
            ? L(
                'Mã xác thực sai hoặc đã dùng. Nhập mã mới ứng dụng đang hiện.',
                'The code is wrong or was already used. Enter the new code the app shows.',
              )
            : null,
        );
        return;
      }
      setError(
        status === 401 || status === 400
          ? L(
              'Sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đang bị khóa).',
              'Wrong username or password (or the account is locked).',
            )
          : status === 429
            ? L('Quá nhiều lần thử. Đợi một phút.', 'Too many tries. Wait a minute.')
            : L('Không đăng nhập được. Thử lại.', 'Could not log in. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{L('Cán bộ đăng nhập', 'Staff login')}</h1>
        {props.expired ? (
          <p className="note">
            {L(
              'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
              'Your session ended. Please log in again.',
            )}
          </p>
        ) : null}
        {props.note ? <p className="note">{props.note}</p> : null}
        <div className="field">
          <label htmlFor="login-username">{L('Tên đăng nhập', 'Username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{L('Mật khẩu', 'Password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {needsCode ? (
          <div className="field">
            <label htmlFor="login-otp">
              {L('Mã xác thực (6 số)', 'Authentication code (6 digits)')}
            </label>
            <input
              id="login-otp"
              name="otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              autoFocus
              required
              value={otp}
              onChange={(e) => setOtp(e.target.value.replace(/\D/g, ''))}
            />
            <small className="hint">
              {L(
                'Tài khoản này bật xác thực hai lớp: nhập mã ứng dụng xác thực đang hiện.',
                'This account has two-factor login on: enter the code your authenticator app shows.',
              )}
            </small>
          </div>
        ) : null}
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {L('Đăng nhập', 'Log in')}
        </button>
      </form>
    </div>
  );
}

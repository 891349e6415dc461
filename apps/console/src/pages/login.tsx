import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../lib/api';
import { useLang } from '../lib/i18n';
import { saveSession, type Session } from '../lib/session';
import type { Role } from '../lib/types';

interface LoginResult {
  accessToken: string;
  expiresIn: number;
  role: Role;
}

export function LoginPage(props: { expired?: boolean; onLogin: (s: Session) => void }) {
  const { L } = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<LoginResult>('POST', '/api/auth/login', {
        body: { username, password },
        anonymous: true,
      });
      const session: Session = {
        token: r.accessToken,
        role: r.role,
        username,
        expiresAt: Date.now() + r.expiresIn * 1000 - 5_000,
      };
      saveSession(session);
      setPassword('');
      props.onLogin(session);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
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

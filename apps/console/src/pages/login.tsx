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
  const { tr } = useLang();
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
        setError(asked ? tr('login.the_code_is_wrong_or_was_already_used_en') : null);
        return;
      }
      setError(
        status === 401 || status === 400
          ? tr('login.wrong_username_or_password_or_the_accoun')
          : status === 429
            ? tr('login.too_many_tries_wait_a_minute')
            : tr('login.could_not_log_in_try_again'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{tr('login.staff_login')}</h1>
        {props.expired ? (
          <p className="note">{tr('login.your_session_ended_please_log_in_again')}</p>
        ) : null}
        {props.note ? <p className="note">{props.note}</p> : null}
        <div className="field">
          <label htmlFor="login-username">{tr('login.username')}</label>
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
          <label htmlFor="login-password">{tr('login.password')}</label>
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
            <label htmlFor="login-otp">{tr('login.authentication_code_6_digits')}</label>
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
            <small className="hint">{tr('login.this_account_has_two_factor_login_on_ent')}</small>
          </div>
        ) : null}
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {tr('login.log_in')}
        </button>
      </form>
    </div>
  );
}

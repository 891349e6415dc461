import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, client, get } from '../lib/api';
import { useLang } from '../lib/i18n';
import { saveSession, type Session } from '../lib/session';

interface LoginForm {
  username: string;
  password: string;
  otp: string;
}

export function LoginPage(props: {
  expired?: boolean;
  /** A note to show above the form (e.g. after a password change). */
  note?: string;
  onLogin: (s: Session) => void;
}) {
  const { tr } = useLang();
  const form = useForm<LoginForm>({ defaultValues: { username: '', password: '', otp: '' } });
  const { isSubmitting } = form.formState;
  // Shown once the API answered that this account needs its authenticator app's code.
  const [needsCode, setNeedsCode] = useState(false);
  // One sentence for the whole form: a login never says which of its fields was wrong.
  const [error, setError] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ username, password, otp }) => {
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
      form.reset({ username, password: '', otp: '' });
      props.onLogin(session);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      if (err instanceof ApiError && err.flags.mfaRequired) {
        const asked = needsCode;
        setNeedsCode(true);
        form.setValue('otp', '');
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
    }
  });

  // The code field keeps digits only, as they are typed.
  const otpField = form.register('otp');
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
            autoComplete="username"
            autoFocus
            required
            {...form.register('username')}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{tr('login.password')}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            {...form.register('password')}
          />
        </div>
        {needsCode ? (
          <div className="field">
            <label htmlFor="login-otp">{tr('login.authentication_code_6_digits')}</label>
            <input
              id="login-otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              autoFocus
              required
              {...otpField}
              onChange={(e) => {
                e.target.value = e.target.value.replace(/\D/g, '');
                void otpField.onChange(e);
              }}
            />
            <small className="hint">{tr('login.this_account_has_two_factor_login_on_ent')}</small>
          </div>
        ) : null}
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={isSubmitting}>
          {tr('login.log_in')}
        </button>
      </form>
    </div>
  );
}

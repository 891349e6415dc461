import { useEffect, useState } from 'react';
import { toString as qrSvg } from 'qrcode';
import { useForm } from 'react-hook-form';
import { Card, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get } from '../lib/api';
import { asApiError, errorsOf, passwordRule, setServerErrors } from '../lib/forms';
import { label, ROLES, useLang } from '../lib/i18n';
import type { Session } from '../lib/session';
import type { MeView, MfaEnrolment } from '../lib/types';
import './account.css';

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
  const { tr, lang } = useLang();
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
            ? tr('account.an_administrator_reset_your_password_cha')
            : tr('account.your_role_must_turn_on_two_factor_login')}
        </p>
      ) : null}
      <Card title={tr('account.my_account')}>
        <ErrorNote error={me.error} />
        {me.data ? (
          <dl className="facts">
            <dt>{tr('account.username')}</dt>
            <dd>{me.data.username}</dd>
            <dt>{tr('account.role')}</dt>
            <dd>{label(ROLES, me.data.role, lang)}</dd>
            {me.data.displayName ? (
              <>
                <dt>{tr('account.display_name')}</dt>
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

interface PasswordForm {
  current: string;
  next: string;
  again: string;
}

/** The API's field names for this form's fields, in the form's order. */
const PASSWORD_FIELDS: Record<string, keyof PasswordForm> = {
  currentPassword: 'current',
  newPassword: 'next',
};

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const { tr, lang } = useLang();
  const form = useForm<PasswordForm>({ defaultValues: { current: '', next: '', again: '' } });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await call(
        client.POST('/api/users/me/password', {
          body: { currentPassword: f.current, newPassword: f.next },
        }),
      );
      form.reset();
      onChanged();
    } catch (err) {
      // The API's messages per field go under their fields; the rest above the button.
      setError(setServerErrors(form, err, PASSWORD_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });
  return (
    <Card title={tr('account.change_password')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={tr('account.current_password')} errors={errorsOf(errors, 'current')}>
          {(id, d) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              aria-describedby={d}
              {...form.register('current', { validate: (v) => v !== '' || tr('form.required') })}
            />
          )}
        </Field>
        <Field
          label={tr('account.new_password')}
          errors={errorsOf(errors, 'next')}
          hint={tr('account.at_least_10_characters')}
        >
          {(id, d) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={d}
              {...form.register('next', { validate: passwordRule(tr) })}
            />
          )}
        </Field>
        <Field label={tr('account.new_password_again')} errors={errorsOf(errors, 'again')}>
          {(id, d) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={d}
              {...form.register('again', {
                validate: (v, all) => v === all.next || tr('account.the_two_new_passwords_differ'),
              })}
            />
          )}
        </Field>
        {error?.status === 403 ? (
          <p className="error-note" role="alert">
            {tr('account.the_current_password_is_wrong')}
          </p>
        ) : (
          <ErrorNote error={error} />
        )}
        <p className="hint">{tr('account.after_the_change_you_log_in_again_with_t')}</p>
        <button type="submit" className="primary" disabled={isSubmitting}>
          {tr('account.change_password')}
        </button>
      </form>
    </Card>
  );
}

function TwoFactor(props: { me: MeView; blocked: boolean; onEnabled: () => void }) {
  const { tr, lang } = useLang();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const form = useForm<{ 'mfa-code': string }>({ defaultValues: { 'mfa-code': '' } });
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
      form.reset();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await call(
        client.POST('/api/users/me/mfa/confirm', { body: { code: f['mfa-code'].trim() } }),
      );
      setEnrolment(null);
      props.onEnabled();
    } catch (err) {
      const names = { code: 'mfa-code' } as const;
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });
  // The code field keeps digits only, as they are typed.
  const code = form.register('mfa-code', {
    validate: (v) => /^\d{6}$/.test(v.trim()) || tr('form.six_digits'),
  });

  if (props.me.mfaEnabled) {
    return (
      <Card title={tr('account.two_factor_login')}>
        <p data-testid="mfa-on">
          <strong>{tr('account.on')}</strong>{' '}
          {tr('account.each_login_needs_the_code_of_your_authen')}
        </p>
      </Card>
    );
  }
  return (
    <Card title={tr('account.two_factor_login')}>
      {!enrolment ? (
        <>
          <p>{tr('account.protect_the_account_with_a_6_digit_code')}</p>
          {props.blocked ? (
            <p className="hint">{tr('account.change_your_password_first')}</p>
          ) : null}
          <ErrorNote error={error} />
          <button
            type="button"
            className="primary"
            disabled={busy || props.blocked}
            onClick={() => void begin()}
          >
            {tr('account.turn_on_two_factor_login')}
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void confirm(e)} noValidate>
          <ol className="steps">
            <li>{tr('account.scan_the_qr_code_with_the_authenticator')}</li>
            <li>{tr('account.enter_the_6_digit_code_the_app_shows')}</li>
          </ol>
          {qr ? (
            <img
              className="qr"
              src={qr}
              width={200}
              height={200}
              alt={tr('account.qr_code_for_the_authenticator_app')}
              data-testid="mfa-qr"
            />
          ) : null}
          <p>
            {tr('account.key')}:{' '}
            <code data-testid="mfa-secret">
              {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <p className="hint">{tr('account.the_key_is_shown_this_once_do_not_screen')}</p>
          <Field
            label={tr('account.code_6_digits')}
            errors={errorsOf(form.formState.errors, 'mfa-code')}
          >
            {(id, d) => (
              <input
                id={id}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                aria-describedby={d}
                {...code}
                onChange={(e) => {
                  e.target.value = e.target.value.replace(/\D/g, '');
                  void code.onChange(e);
                }}
              />
            )}
          </Field>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
              {tr('account.confirm_and_turn_on')}
            </button>
            <button type="button" className="link" onClick={() => setEnrolment(null)}>
              {tr('account.cancel')}
            </button>
          </div>
        </form>
      )}
    </Card>
  );
}

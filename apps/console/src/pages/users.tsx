import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Card, Empty, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh } from '../lib/api';
import { asApiError, errorsOf, passwordRule, rules, setServerErrors } from '../lib/forms';
import { label, ROLES, useLang } from '../lib/i18n';
import type { Role, UserView } from '../lib/types';
import './users.css';

/** The roles an account can have, in the order the pickers list them. */
const ROLE_VALUES: readonly Role[] = ['operator', 'investigator', 'supervisor', 'admin'];

/** Administrators manage accounts only: they see no tips, cases or reports. */
export function UsersPage() {
  const { tr } = useLang();
  const users = useQuery({ queryKey: ['users'], queryFn: () => get(client.GET('/api/users')) });
  const reload = () => void users.refetch();
  return (
    <div>
      <div className="narrow">
        <CreateUser onCreated={reload} />
      </div>
      <Card title={tr('users.accounts')}>
        <ErrorNote error={users.error} />
        {users.data ? (
          users.data.items.length ? (
            <UserTable users={users.data.items} reload={reload} />
          ) : (
            <Empty>{tr('users.no_accounts_yet')}</Empty>
          )
        ) : null}
      </Card>
    </div>
  );
}

/** By the inputs' names (react-hook-form finds a field by its name). */
interface NewUserValues {
  'new-username': string;
  'new-password': string;
  'new-role': Role;
  'new-display': string;
}

/** The API's names for the new account's fields, in the form's order. */
const NEW_USER_FIELDS: Record<string, keyof NewUserValues> = {
  username: 'new-username',
  password: 'new-password',
  role: 'new-role',
  displayName: 'new-display',
};

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { tr, lang } = useLang();
  const form = useForm<NewUserValues>({
    defaultValues: {
      'new-username': '',
      'new-password': '',
      'new-role': 'operator',
      'new-display': '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<UserView[]>([]);
  const rule = rules(tr);
  const fe = (name: keyof NewUserValues) => errorsOf(errors, name);
  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      const u = await get(
        client.POST('/api/users', {
          body: {
            username: f['new-username'],
            password: f['new-password'],
            role: f['new-role'],
            ...(f['new-display'].trim() ? { displayName: f['new-display'].trim() } : {}),
          },
        }),
      );
      setCreated((old) => [u, ...old]);
      form.reset({
        'new-username': '',
        'new-password': '',
        'new-role': f['new-role'],
        'new-display': '',
      });
      onCreated();
    } catch (err) {
      setError(setServerErrors(form, err, NEW_USER_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });
  return (
    <Card title={tr('users.create_an_account')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={tr('users.username')} errors={fe('new-username')}>
          {(id, d) => (
            <input
              id={id}
              autoComplete="off"
              aria-describedby={d}
              {...form.register('new-username', {
                validate: (v) => {
                  const length = rule.text(3, 64)(v);
                  if (length !== true) return length;
                  return /^[a-z0-9._-]+$/.test(v) || tr('form.username_characters');
                },
              })}
            />
          )}
        </Field>
        <Field label={tr('users.password')} errors={fe('new-password')}>
          {(id, d) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={d}
              {...form.register('new-password', { validate: passwordRule(tr) })}
            />
          )}
        </Field>
        <Field label={tr('users.role')} errors={fe('new-role')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} {...form.register('new-role')}>
              {ROLE_VALUES.map((r) => (
                <option key={r} value={r}>
                  {label(ROLES, r, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={tr('users.display_name')} errors={fe('new-display')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              {...form.register('new-display', { validate: rule.text(0, 200, true) })}
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {tr('users.create')}
        </button>
      </form>
      {created.length ? (
        <ul className="list">
          {created.map((u) => (
            <li key={u.id}>
              {u.username} · {label(ROLES, u.role, lang)}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function UserTable({ users, reload }: { users: UserView[]; reload: () => void }) {
  const { tr, lang } = useLang();
  const [error, setError] = useState<ApiError | null>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);
  const run = async (call: Promise<unknown>) => {
    setError(null);
    try {
      await thenRefresh(call, reload);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const patch = (u: UserView, body: { role?: Role; disabled?: boolean }) =>
    void run(call(client.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body })));
  return (
    <>
      <ErrorNote error={error} conflict={tr('users.the_last_enabled_administrator_cannot_be')} />
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th>{tr('users.username')}</th>
            <th>{tr('users.display_name')}</th>
            <th>{tr('users.role')}</th>
            <th>{tr('users.status')}</th>
            <th>{tr('users.two_factor')}</th>
            <th>{tr('users.password')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'off' : ''} data-username={u.username}>
              <td>{u.username}</td>
              <td>{u.displayName ?? ''}</td>
              <td>
                <select
                  aria-label={tr('users.role_of', { name: u.username })}
                  value={u.role}
                  onChange={(e) => patch(u, { role: e.target.value as Role })}
                >
                  {ROLE_VALUES.map((r) => (
                    <option key={r} value={r}>
                      {label(ROLES, r, lang)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {u.disabled ? tr('users.disabled') : tr('users.enabled')}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => patch(u, { disabled: !u.disabled })}
                >
                  {u.disabled ? tr('users.enable') : tr('users.disable')}
                </button>
              </td>
              <td>
                {u.mfaEnabled ? (
                  <>
                    {tr('users.on')}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void run(
                          call(
                            client.DELETE('/api/users/{id}/mfa', {
                              params: { path: { id: u.id } },
                            }),
                          ),
                        )
                      }
                    >
                      {tr('users.turn_off')}
                    </button>
                  </>
                ) : (
                  tr('users.off')
                )}
              </td>
              <td>
                {resetFor === u.id ? (
                  <ResetPassword
                    user={u}
                    onDone={() => {
                      setResetFor(null);
                      reload();
                    }}
                  />
                ) : (
                  <button type="button" className="link" onClick={() => setResetFor(u.id)}>
                    {tr('users.reset')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ResetPassword({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { tr, lang } = useLang();
  const form = useForm<{ 'reset-password': string }>({ defaultValues: { 'reset-password': '' } });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await call(
        client.POST('/api/users/{id}/password', {
          params: { path: { id: user.id } },
          body: { newPassword: f['reset-password'] },
        }),
      );
      form.reset();
      setDone(true);
    } catch (err) {
      const names = { newPassword: 'reset-password' } as const;
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });
  if (done) {
    return (
      <span role="status">
        {tr('users.reset_the_user_must_change_it_at_the_nex')}
        <button type="button" className="link" onClick={onDone}>
          {tr('users.done')}
        </button>
      </span>
    );
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={tr('users.temp_password_for', { name: user.username })}
        errors={errorsOf(form.formState.errors, 'reset-password')}
      >
        {(id, d) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            aria-describedby={d}
            {...form.register('reset-password', { validate: passwordRule(tr) })}
          />
        )}
      </Field>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
        {tr('users.reset')}
      </button>
      <button type="button" className="link" onClick={onDone}>
        {tr('users.cancel')}
      </button>
    </form>
  );
}

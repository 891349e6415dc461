import { useState, type FormEvent } from 'react';
import { Card, Empty, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh } from '../lib/api';
import { label, ROLES, useLang } from '../lib/i18n';
import type { Role, UserView } from '../lib/types';
import './users.css';

const asError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, String(err)));

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

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { tr, lang } = useLang();
  const [f, setF] = useState({ username: '', password: '', role: 'operator', displayName: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<UserView[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await get(
        client.POST('/api/users', {
          body: {
            username: f.username,
            password: f.password,
            role: f.role as Role,
            ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
          },
        }),
      );
      setCreated((old) => [u, ...old]);
      setF({ username: '', password: '', role: f.role, displayName: '' });
      onCreated();
    } catch (err) {
      setError(asError(err));
    }
  };
  return (
    <Card title={tr('users.create_an_account')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={tr('users.username')} errors={error?.fields.username}>
          {(id, d) => (
            <input
              id={id}
              name="new-username"
              autoComplete="off"
              aria-describedby={d}
              value={f.username}
              onChange={(e) => setF({ ...f, username: e.target.value })}
            />
          )}
        </Field>
        <Field label={tr('users.password')} errors={error?.fields.password}>
          {(id, d) => (
            <input
              id={id}
              type="password"
              name="new-password"
              autoComplete="new-password"
              aria-describedby={d}
              value={f.password}
              onChange={(e) => setF({ ...f, password: e.target.value })}
            />
          )}
        </Field>
        <Field label={tr('users.role')} errors={error?.fields.role}>
          {(id) => (
            <select
              id={id}
              name="new-role"
              value={f.role}
              onChange={(e) => setF({ ...f, role: e.target.value })}
            >
              {Object.keys(ROLES).map((r) => (
                <option key={r} value={r}>
                  {label(ROLES, r, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={tr('users.display_name')} errors={error?.fields.displayName}>
          {(id, d) => (
            <input
              id={id}
              name="new-display"
              aria-describedby={d}
              value={f.displayName}
              onChange={(e) => setF({ ...f, displayName: e.target.value })}
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
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
      setError(asError(err));
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
                  {Object.keys(ROLES).map((r) => (
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
  const { tr } = useLang();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call(
        client.POST('/api/users/{id}/password', {
          params: { path: { id: user.id } },
          body: { newPassword: password },
        }),
      );
      setPassword('');
      setDone(true);
    } catch (err) {
      setError(asError(err));
    }
  };
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
        errors={error?.fields.newPassword}
      >
        {(id, d) => (
          <input
            id={id}
            type="password"
            name="reset-password"
            autoComplete="new-password"
            aria-describedby={d}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {error && !error.fields.newPassword ? <ErrorNote error={error} /> : null}
      <button type="submit" className="primary">
        {tr('users.reset')}
      </button>
      <button type="button" className="link" onClick={onDone}>
        {tr('users.cancel')}
      </button>
    </form>
  );
}

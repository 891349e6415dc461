import { useState, type FormEvent } from 'react';
import { Card, ErrorNote, Field } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { label, ROLES, useLang } from '../lib/i18n';
import type { UserView } from '../lib/types';

/** Administrators manage accounts only: they see no tips, cases or reports. */
export function UsersPage() {
  const { L, lang } = useLang();
  const [f, setF] = useState({ username: '', password: '', role: 'operator', displayName: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<UserView[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await api<UserView>('POST', '/api/users', {
        body: {
          username: f.username,
          password: f.password,
          role: f.role,
          ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
        },
      });
      setCreated((old) => [u, ...old]);
      setF({ username: '', password: '', role: f.role, displayName: '' });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };
  return (
    <div className="narrow">
      <Card title={L('Tạo tài khoản', 'Create an account')}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={L('Tên đăng nhập', 'Username')} errors={error?.fields.username}>
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
          <Field label={L('Mật khẩu', 'Password')} errors={error?.fields.password}>
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
          <Field label={L('Vai trò', 'Role')} errors={error?.fields.role}>
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
          <Field label={L('Tên hiển thị', 'Display name')} errors={error?.fields.displayName}>
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
            {L('Tạo', 'Create')}
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
    </div>
  );
}

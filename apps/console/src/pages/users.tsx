import { useState, type FormEvent } from 'react';
import { Card, Empty, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh } from '../lib/api';
import { label, ROLES, useLang } from '../lib/i18n';
import type { Role, UserView } from '../lib/types';

const asError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, String(err)));

/** Administrators manage accounts only: they see no tips, cases or reports. */
export function UsersPage() {
  const { L } = useLang();
  const users = useQuery({ queryKey: ['users'], queryFn: () => get(client.GET('/api/users')) });
  const reload = () => void users.refetch();
  return (
    <div>
      <div className="narrow">
        <CreateUser onCreated={reload} />
      </div>
      <Card title={L('Tài khoản', 'Accounts')}>
        <ErrorNote error={users.error} />
        {users.data ? (
          users.data.items.length ? (
            <UserTable users={users.data.items} reload={reload} />
          ) : (
            <Empty>{L('Chưa có tài khoản.', 'No accounts yet.')}</Empty>
          )
        ) : null}
      </Card>
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { L, lang } = useLang();
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
  );
}

function UserTable({ users, reload }: { users: UserView[]; reload: () => void }) {
  const { L, lang } = useLang();
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
      <ErrorNote
        error={error}
        conflict={L(
          'Không thể khóa hay hạ quyền quản trị viên cuối cùng đang hoạt động.',
          'The last enabled administrator cannot be disabled or demoted.',
        )}
      />
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th>{L('Tên đăng nhập', 'Username')}</th>
            <th>{L('Tên hiển thị', 'Display name')}</th>
            <th>{L('Vai trò', 'Role')}</th>
            <th>{L('Trạng thái', 'Status')}</th>
            <th>{L('Xác thực hai lớp', 'Two-factor')}</th>
            <th>{L('Mật khẩu', 'Password')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'off' : ''} data-username={u.username}>
              <td>{u.username}</td>
              <td>{u.displayName ?? ''}</td>
              <td>
                <select
                  aria-label={L(`Vai trò của ${u.username}`, `Role of ${u.username}`)}
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
                {u.disabled ? L('Đã khóa', 'Disabled') : L('Hoạt động', 'Enabled')}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => patch(u, { disabled: !u.disabled })}
                >
                  {u.disabled ? L('Mở khóa', 'Enable') : L('Khóa', 'Disable')}
                </button>
              </td>
              <td>
                {u.mfaEnabled ? (
                  <>
                    {L('Bật', 'On')}{' '}
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
                      {L('Tắt', 'Turn off')}
                    </button>
                  </>
                ) : (
                  L('Tắt', 'Off')
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
                    {L('Đặt lại', 'Reset')}
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
  const { L } = useLang();
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
        {L(
          'Đã đặt lại: người dùng phải đổi mật khẩu khi đăng nhập. ',
          'Reset: the user must change it at the next login. ',
        )}
        <button type="button" className="link" onClick={onDone}>
          {L('Xong', 'Done')}
        </button>
      </span>
    );
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={L(`Mật khẩu tạm cho ${user.username}`, `Temporary password for ${user.username}`)}
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
        {L('Đặt lại', 'Reset')}
      </button>
      <button type="button" className="link" onClick={onDone}>
        {L('Hủy', 'Cancel')}
      </button>
    </form>
  );
}

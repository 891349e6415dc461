import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { matchPath, Route, Routes, ScrollRestoration, useLocation, useParams } from 'react-router';
import { NotificationBell } from './components/notification-bell';
import { onSessionExpired } from './lib/api';
import { label, ROLES, useLang } from './lib/i18n';
import { Link, navigate } from './lib/router';
import { clearSession, readSession, saveSession, type Session } from './lib/session';
import type { Role } from './lib/types';
import { LoginPage } from './pages/login';
import { PublicHome } from './pages/public-home';
import { PublicTipPage } from './pages/public-tip';
import { FollowUpPage } from './pages/follow-up';
import './app.css';

// Each role's pages are their own chunks: a browser loads only what its role opens.
const lazyPage = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazy(async () => ({ default: await load() }));
const IntakePage = lazyPage(() => import('./pages/intake').then((m) => m.IntakePage));
const ReviewPage = lazyPage(() => import('./pages/review').then((m) => m.ReviewPage));
const LeadsPage = lazyPage(() => import('./pages/leads').then((m) => m.LeadsPage));
const LeadPage = lazyPage(() => import('./pages/leads').then((m) => m.LeadPage));
const CasesPage = lazyPage(() => import('./pages/cases').then((m) => m.CasesPage));
const CasePage = lazyPage(() => import('./pages/cases').then((m) => m.CasePage));
const DashboardPage = lazyPage(() => import('./pages/dashboard').then((m) => m.DashboardPage));
const AnnualPage = lazyPage(() => import('./pages/annual').then((m) => m.AnnualPage));
const TracePage = lazyPage(() => import('./pages/trace').then((m) => m.TracePage));
const AuditPage = lazyPage(() => import('./pages/audit').then((m) => m.AuditPage));
const QueuesPage = lazyPage(() => import('./pages/queues').then((m) => m.QueuesPage));
const UsersPage = lazyPage(() => import('./pages/users').then((m) => m.UsersPage));
const AccountPage = lazyPage(() => import('./pages/account').then((m) => m.AccountPage));

interface StaffRoute {
  pattern: string;
  roles: Role[];
  nav?: { vi: string; en: string };
  /** The page's title (the browser tab, WCAG 2.4.2), when it is not the nav label. */
  title?: { vi: string; en: string };
  render: (params: Record<string, string>, session: Session) => React.ReactNode;
}

/** Which role opens which page; the API enforces the same roles on every call a page makes. */
const STAFF_ROUTES: StaffRoute[] = [
  {
    pattern: '/intake',
    roles: ['operator', 'supervisor'],
    nav: { vi: 'Tiếp nhận tin báo', en: 'Take a tip' },
    render: () => <IntakePage />,
  },
  {
    pattern: '/review',
    roles: ['operator', 'supervisor'],
    nav: { vi: 'Chờ xem xét', en: 'Review queue' },
    render: () => <ReviewPage />,
  },
  {
    pattern: '/dashboard',
    roles: ['supervisor'],
    nav: { vi: 'Tổng quan', en: 'Dashboard' },
    render: () => <DashboardPage />,
  },
  {
    pattern: '/leads',
    roles: ['investigator', 'supervisor'],
    nav: { vi: 'Manh mối', en: 'Leads' },
    render: (_p, s) => <LeadsPage session={s} />,
  },
  {
    pattern: '/leads/:id',
    roles: ['investigator', 'supervisor'],
    title: { vi: 'Manh mối', en: 'Lead' },
    render: (p, s) => <LeadPage id={p.id} session={s} />,
  },
  {
    pattern: '/cases',
    roles: ['investigator', 'supervisor'],
    nav: { vi: 'Vụ việc', en: 'Cases' },
    render: () => <CasesPage />,
  },
  {
    pattern: '/cases/:id',
    roles: ['investigator', 'supervisor'],
    title: { vi: 'Vụ việc', en: 'Case' },
    render: (p, s) => <CasePage id={p.id} session={s} />,
  },
  {
    pattern: '/annual',
    roles: ['supervisor'],
    nav: { vi: 'Báo cáo năm', en: 'Year report' },
    render: () => <AnnualPage />,
  },
  {
    pattern: '/trace',
    roles: ['supervisor'],
    nav: { vi: 'Hành trình tin báo', en: 'Tip trace' },
    render: () => <TracePage />,
  },
  {
    pattern: '/trace/:id',
    roles: ['supervisor'],
    title: { vi: 'Hành trình tin báo', en: 'Tip trace' },
    render: (p) => <TracePage id={p.id} />,
  },
  {
    pattern: '/audit',
    roles: ['supervisor'],
    nav: { vi: 'Nhật ký kiểm toán', en: 'Audit log' },
    render: () => <AuditPage />,
  },
  {
    pattern: '/queues',
    roles: ['supervisor', 'admin'],
    nav: { vi: 'Hàng đợi', en: 'Queues' },
    render: () => <QueuesPage />,
  },
  {
    pattern: '/users',
    roles: ['admin'],
    nav: { vi: 'Người dùng', en: 'Users' },
    render: () => <UsersPage />,
  },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

/** A staff page: the login when signed out, a note when the role may not open it. */
function StaffPage(props: { route: StaffRoute; session: Session | null; login: React.ReactNode }) {
  const { tr } = useLang();
  const params = useParams() as Record<string, string>;
  const { route, session } = props;
  if (session?.pending) return <Redirect to="/account" />;
  if (!session) return props.login;
  if (!route.roles.includes(session.role)) {
    // Nothing is fetched for a page the role may not open.
    return (
      <div className="card">
        <h1>{tr('app.this_page_is_not_for_your_role')}</h1>
        <Link href={HOME[session.role]}>{tr('app.go_to_your_page')}</Link>
      </div>
    );
  }
  return route.render(params, session);
}

export const HOME: Record<Role, string> = {
  operator: '/intake',
  investigator: '/leads',
  supervisor: '/dashboard',
  admin: '/users',
};

function LangToggle() {
  const { lang, setLang } = useLang();
  return (
    <div className="lang" role="group" aria-label="Ngôn ngữ / Language">
      <button
        type="button"
        aria-pressed={lang === 'vi'}
        className={lang === 'vi' ? 'on' : ''}
        onClick={() => setLang('vi')}
      >
        Tiếng Việt
      </button>
      <button
        type="button"
        aria-pressed={lang === 'en'}
        className={lang === 'en' ? 'on' : ''}
        onClick={() => setLang('en')}
      >
        English
      </button>
    </div>
  );
}

export function App() {
  const path = useLocation().pathname;
  const { tr, lang } = useLang();
  const [session, setSession] = useState<Session | null>(() => readSession());
  const [expired, setExpired] = useState(false);
  const [loginNote, setLoginNote] = useState<string | undefined>(undefined);

  useEffect(
    () =>
      onSessionExpired(() => {
        setSession(null);
        setExpired(true);
        navigate('/login');
      }),
    [],
  );

  // A token lives 15 minutes: go back to the login page when it ends, not on the next click.
  useEffect(() => {
    if (!session) return;
    const t = setTimeout(
      () => {
        clearSession();
        setSession(null);
        setExpired(true);
        navigate('/login');
      },
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => clearTimeout(t);
  }, [session]);

  const logout = () => {
    clearSession();
    setSession(null);
    navigate('/');
  };

  const staff = STAFF_ROUTES.map((r) => ({ r, params: matchPath(r.pattern, path) })).find(
    (x) => x.params,
  );
  const relogin = <LoginPage expired={expired} note={loginNote} onLogin={(s) => setSession(s)} />;

  // The account page, open to every role: the only one while a password change or the
  // two-factor enrolment is pending (the API answers 403 elsewhere until then).
  const accountPage = (s: Session) => (
    <AccountPage
      session={s}
      onPasswordChanged={() => {
        // Every token of the account stopped working: log in again with the new password.
        clearSession();
        setSession(null);
        setExpired(false);
        setLoginNote(tr('app.password_changed_log_in_again_with_the_n'));
        navigate('/login');
      }}
      onMfaEnabled={() => {
        if (s.pending !== 'mfa') return;
        const next: Session = { ...s, pending: undefined };
        saveSession(next);
        setSession(next);
      }}
    />
  );

  const body = (
    <Routes>
      <Route
        path="/login"
        element={
          <LoginPage
            expired={expired}
            note={loginNote}
            onLogin={(s) => {
              setSession(s);
              setExpired(false);
              setLoginNote(undefined);
              navigate(s.pending ? '/account' : HOME[s.role], true);
            }}
          />
        }
      />
      <Route path="/tip" element={<PublicTipPage />} />
      <Route path="/follow-up" element={<FollowUpPage />} />
      <Route path="/account" element={session ? accountPage(session) : relogin} />
      {STAFF_ROUTES.map((r) => (
        <Route
          key={r.pattern}
          path={r.pattern}
          element={
            <StaffPage
              route={r}
              session={session}
              login={<LoginPage expired={expired} onLogin={(s) => setSession(s)} />}
            />
          }
        />
      ))}
      <Route
        path="/"
        element={
          session?.pending ? (
            <Redirect to="/account" />
          ) : session ? (
            <Redirect to={HOME[session.role]} />
          ) : (
            <PublicHome />
          )
        }
      />
      <Route
        path="*"
        element={
          <div className="card">
            <h1>{tr('app.no_such_page')}</h1>
            <Link href="/">{tr('app.home')}</Link>
          </div>
        }
      />
    </Routes>
  );

  // Each page names itself in the browser's tab (WCAG 2.4.2), in the page's language.
  const named: Record<string, { vi: string; en: string }> = {
    '/login': { vi: 'Đăng nhập', en: 'Log in' },
    '/tip': { vi: 'Gửi tin báo', en: 'Send a tip' },
    '/follow-up': { vi: 'Theo dõi tin báo', en: 'Follow up a tip' },
    '/account': { vi: 'Tài khoản', en: 'My account' },
    '/': { vi: 'Tin báo tội phạm', en: 'Crime tips' },
  };
  const title = named[path] ?? (staff ? (staff.r.title ?? staff.r.nav) : undefined);
  const pageTitle = title ? title[lang] : tr('app.no_such_page');
  useEffect(() => {
    document.title = `${pageTitle} · TipTrace`;
  }, [pageTitle]);

  const nav = session
    ? [
        ...(session.pending
          ? []
          : STAFF_ROUTES.filter((r) => r.nav && r.roles.includes(session.role))),
        { pattern: '/account', nav: { vi: 'Tài khoản', en: 'My account' } },
      ]
    : [];

  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="logo" aria-hidden="true">
            T
          </span>
          TipTrace
          {session ? null : <small>{tr('app.district_4_police_crime_tips')}</small>}
        </Link>
        {session ? (
          <nav aria-label={tr('app.pages')}>
            {nav.map((r) => (
              <Link
                key={r.pattern}
                href={r.pattern}
                className={path.startsWith(r.pattern) ? 'active' : ''}
              >
                {r.nav![lang]}
              </Link>
            ))}
          </nav>
        ) : (
          <nav aria-label={tr('app.pages')}>
            <Link href="/tip" className={path === '/tip' ? 'active' : ''}>
              {tr('app.send_a_tip')}
            </Link>
            <Link href="/follow-up" className={path === '/follow-up' ? 'active' : ''}>
              {tr('app.follow_up')}
            </Link>
            <Link href="/login" className={path === '/login' ? 'active' : ''}>
              {tr('app.staff_login')}
            </Link>
          </nav>
        )}
        <div className="right">
          {session && (session.role === 'investigator' || session.role === 'supervisor') ? (
            <NotificationBell key={session.token} session={session} />
          ) : null}
          <LangToggle />
          {session ? (
            <span className="who">
              <span data-testid="who" title={label(ROLES, session.role, lang)}>
                {session.username}
              </span>
              <button type="button" className="link" onClick={logout}>
                {tr('app.log_out')}
              </button>
            </span>
          ) : null}
        </div>
      </header>
      <ScrollRestoration />
      <main>
        <Suspense fallback={<p className="loading">{tr('app.loading')}</p>}>{body}</Suspense>
      </main>
    </div>
  );
}

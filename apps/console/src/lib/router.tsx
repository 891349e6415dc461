import type { AnchorHTMLAttributes } from 'react';
import { Link as RouterLink, type DataRouter } from 'react-router';

let router: DataRouter | null = null;

/** The app's router (main.tsx makes it): `navigate` works outside components too. */
export function setRouter(r: DataRouter): DataRouter {
  router = r;
  return r;
}

/** Moves to `path` inside the app without a page load. */
export function navigate(path: string, replace = false): void {
  if (!router || path === router.state.location.pathname) return;
  void router.navigate(path, { replace });
}

/** A link inside the app (React Router's), written with `href` like any anchor. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { href, ...rest } = props;
  return <RouterLink to={href} {...rest} />;
}

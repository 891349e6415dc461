import type { Role } from './types';

export interface Session {
  token: string;
  role: Role;
  username: string;
  /** Epoch ms when the token stops working. */
  expiresAt: number;
  /**
   * What the account must do before anything else (the API answers 403 elsewhere until then):
   * change the password an admin reset, or turn on two-factor login.
   */
  pending?: 'password' | 'mfa';
}

// sessionStorage: gone when the tab closes, never sent anywhere by the browser on its own.
const KEY = 'tiptrace.session';

export function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || !s.role || s.expiresAt <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

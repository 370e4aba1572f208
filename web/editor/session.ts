// Who is signed in, from GET /api/auth/me (the session cookie is HttpOnly: the page cannot read it,
// only ask). The header, the editor's pages and the public detail's "edit" link all read this.
import { useCallback, useEffect, useState } from 'react';
import { roleAllows, type Me, type Role } from '../../geo/editing.ts';

export type Session = Me | null;

export interface SessionState {
  /** undefined while asking, null when nobody is signed in */
  me: Session | undefined;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

/** Set on this browser after a sign-in (not a secret: the session itself is the HttpOnly cookie). */
const STAFF_HINT = 'piro-staff';
const hinted = () => {
  try {
    return localStorage.getItem(STAFF_HINT) === '1';
  } catch {
    return false;
  }
};
const hint = (on: boolean) => {
  try {
    if (on) localStorage.setItem(STAFF_HINT, '1');
    else localStorage.removeItem(STAFF_HINT);
  } catch {
    // Storage refused (private mode): the public pages just do not offer the editor link.
  }
};

/**
 * The session, asked of the server on the planners' pages, and on the public ones only in a browser
 * where someone has signed in: a citizen's visit costs no request and no 401.
 */
export function useSession(planner: boolean): SessionState {
  const [me, setMe] = useState<Session | undefined>(undefined);
  const refresh = useCallback(async () => {
    const res = await fetch('/api/auth/me', { headers: { Accept: 'application/json' } }).catch(() => null);
    const session = res?.ok ? ((await res.json()) as Me) : null;
    hint(!!session);
    setMe(session);
  }, []);
  const signOut = useCallback(async () => {
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
    hint(false);
    setMe(null);
  }, []);
  const ask = planner || hinted();
  useEffect(() => {
    if (ask) void refresh();
    else setMe(null);
  }, [ask, refresh]);
  return { me, refresh, signOut };
}

/** Whether the session may do what `role` may. */
export const can = (me: Session | undefined, role: Role) => !!me && roleAllows(me.account.role, role);

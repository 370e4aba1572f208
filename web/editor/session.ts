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

export function useSession(): SessionState {
  const [me, setMe] = useState<Session | undefined>(undefined);
  const refresh = useCallback(async () => {
    const res = await fetch('/api/auth/me', { headers: { Accept: 'application/json' } }).catch(() => null);
    setMe(res?.ok ? ((await res.json()) as Me) : null);
  }, []);
  const signOut = useCallback(async () => {
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
    setMe(null);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  return { me, refresh, signOut };
}

/** Whether the session may do what `role` may. */
export const can = (me: Session | undefined, role: Role) => !!me && roleAllows(me.account.role, role);

import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { signOut, useSession } from '../lib/session';

/** Pages behind sign-in. Without a session (signed out, or the token expired) → sign-in, keeping the page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => signOut('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session]);
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

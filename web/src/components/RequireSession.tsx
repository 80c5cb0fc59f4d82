import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/client';
import { useSession } from '../auth/session';
import { NotFound } from '../pages/NotFound';
import { Loading } from './Loading';

/**
 * A page for signed-in people with one of `roles`. Signed out: to the sign-in page, and back
 * here after. A one-time password: to the password change first. Without the role the page
 * does not exist for them (the not-found page, as for any address they were never given).
 * An expired session keeps the page drawn (the sign-in dialog is over it).
 */
export function RequireSession({
  roles,
  children,
}: {
  roles?: readonly Role[];
  children: ReactNode;
}) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'signed-out')
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (session.mustChangePassword && location.pathname !== '/change-password')
    return (
      <Navigate
        to="/change-password"
        replace
        state={{ from: location.pathname + location.search }}
      />
    );
  if (roles && !roles.some((role) => session.me?.roles.includes(role))) return <NotFound />;
  return <>{children}</>;
}

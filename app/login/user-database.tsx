import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { DatabaseUnreachableError } from '@/lib/core/errors';
import { getEnv } from '@/lib/core/env';
import { checkDatabase } from '@/lib/db/health';

/**
 * The login page's view of the user database: who is logged in, or that nobody can log in
 * now because the dashboards database is unreachable (then no session is checked at all, so a
 * browser holding a cookie gets the page and the notice, not an error).
 */
export async function currentUserOrUnavailable(): Promise<{
  user: CurrentUser | null;
  unavailable: boolean;
}> {
  let env;
  try {
    env = getEnv();
  } catch {
    return { user: null, unavailable: true };
  }
  if (!(await checkDatabase('dashboards', env.dashboardDb)).ok)
    return { user: null, unavailable: true };
  try {
    return { user: await getCurrentUser(), unavailable: false };
  } catch (err) {
    if (err instanceof DatabaseUnreachableError) return { user: null, unavailable: true };
    throw err;
  }
}

/** Shown above the login form; no address here (anyone can open the login page). */
export function UserDatabaseNotice() {
  return (
    <div
      className="alert error"
      role="alert"
      data-testid="user-database-unavailable"
      style={{ width: 340, boxSizing: 'border-box', marginBottom: 16 }}
    >
      <strong>The user database is unavailable.</strong>
      <div>Logging in is not possible until it is back. Try again in a few seconds.</div>
    </div>
  );
}

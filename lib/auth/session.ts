import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getEnv } from '../core/env';
import { sessionExpired } from './claims';
import { cameOverHttps, getAuthOptions } from './options';
import { getDashboardsDb } from '../db/dashboards/client';
import { findUserByUniqueId } from '../db/dashboards/users';
import { rethrowFromPools } from '../db/pool';

export interface CurrentUser {
  uniqueId: string;
  username: string;
}

/**
 * The logged-in user, or null. A valid cookie is not enough: the account must still exist
 * (deleting a user ends their sessions), the session must have been issued under the user's
 * current session version (logout, a password change and `npm run user -- revoke-sessions`
 * move it on) and be younger than APP_SESSION_MAX_DAYS. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const h = await headers();
  const session = await getServerSession(getAuthOptions(cameOverHttps((n) => h.get(n))));
  const claims = session?.user;
  if (!claims?.uid) return null;
  if (sessionExpired(claims, getEnv().sessionMaxDays, new Date())) return null;
  const { db, pool } = getDashboardsDb();
  const found = await findUserByUniqueId(db, claims.uid).catch((err) =>
    rethrowFromPools(err, [pool]),
  );
  if (!found || found.sessionVersion !== claims.sv) return null;
  return { uniqueId: found.uniqueId, username: found.username };
});

/** For pages: the user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get('x-request-path') ?? '/';
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return user;
}

/** For route handlers: the user, or a 401 JSON response to return as is. */
export async function requireApiUser(): Promise<CurrentUser | Response> {
  const user = await getCurrentUser();
  return user ?? Response.json({ error: 'authentication required' }, { status: 401 });
}

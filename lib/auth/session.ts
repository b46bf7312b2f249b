import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuthOptions } from './options';
import { getDashboardsDb } from '../db/dashboards/client';
import { findUserByUniqueId } from '../db/dashboards/users';
import { rethrowFromPools } from '../db/pool';

export interface CurrentUser {
  uniqueId: string;
  username: string;
}

/**
 * The logged-in user, or null. A valid cookie is not enough: the account must still exist, so
 * deleting a user from the dashboards database ends their sessions. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const uid = session?.user?.uid;
  if (!uid) return null;
  const { db, pool } = getDashboardsDb();
  const found = await findUserByUniqueId(db, uid).catch((err) => rethrowFromPools(err, [pool]));
  return found ? { uniqueId: found.uniqueId, username: found.username } : null;
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

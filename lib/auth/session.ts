import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getEnv } from '../core/env';
import { sessionExpired } from './claims';
import { cameOverHttps, getAuthOptions } from './options';
import { getDashboardsDb } from '../db/dashboards/client';
import { findUserByUniqueId } from '../db/dashboards/users';
import { ENROLMENT_PATH, mustEnrolFirst } from './totp-policy';
import { rethrowFromPools } from '../db/pool';
import {
  classifyRequest,
  decideAccess,
  parseStoredScope,
  roleOf,
  type AccessDecision,
  type Capability,
  type Principal,
} from './domain/access';

export interface CurrentUser extends Principal {
  uniqueId: string;
  username: string;
  /** Signed in through the firm's OpenID Connect provider (its own MFA applies, not ours). */
  viaOidc: boolean;
}

/**
 * The logged-in user, or null. A valid cookie is not enough: the account must still exist
 * (deleting a user ends their sessions), the session must have been issued under the user's
 * current session version (logout, a password change and `npm run user -- revoke-sessions`
 * move it on, as do a change of role or scope and disabling the user) and be younger than
 * APP_SESSION_MAX_DAYS. The role and scope come from the same row (no extra query), so they
 * are never older than the request. Cached per request.
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
  if (!found || found.sessionVersion !== claims.sv || found.timeDisabled) return null;
  return {
    uniqueId: found.uniqueId,
    username: found.username,
    role: roleOf(found.userType),
    scope: parseStoredScope(found.accessScope),
    viaOidc: claims.via === 'oidc',
  };
});

export interface AccessNeed {
  /** Needed besides what the path needs (lib/auth/domain/access.ts ACCESS_RULES). */
  can?: Capability;
  /** The dashboards layout: it wraps every page, the page itself checks its path. */
  anyPage?: boolean;
}

/**
 * Whether the user may make this request: the path and method (passed on by proxy.ts, which
 * sets them on every request) against ACCESS_RULES, plus `need.can`.
 */
export async function accessHere(user: Principal, need: AccessNeed = {}): Promise<AccessDecision> {
  const h = await headers();
  const path = (h.get('x-request-path') ?? '/').split('?')[0];
  const method = h.get('x-request-method') ?? 'GET';
  const target = need.anyPage
    ? { need: 'self' as const, action: 'open the dashboards' }
    : classifyRequest(path, method);
  const first = decideAccess(user, target);
  if (!first.ok || !need.can) return first;
  return decideAccess(user, { ...target, need: need.can });
}

/**
 * For pages: the user, or a redirect to the login page that comes back here afterwards; a
 * user who may not open the page gets the 403 page (app/(dashboards)/forbidden.tsx).
 */
export async function requireUser(need: AccessNeed = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get('x-request-path') ?? '/';
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  // REQUIRE_2FA: until the user has set up two-factor, the account page is all they may open
  if (await mustEnrolFirst(user)) {
    const path = ((await headers()).get('x-request-path') ?? '/').split('?')[0];
    if (path !== ENROLMENT_PATH) redirect(ENROLMENT_PATH);
  }
  if (!(await accessHere(user, need)).ok) forbidden();
  return user;
}

/** For route handlers: the user, or a 401/403 JSON response to return as is. */
export async function requireApiUser(need: AccessNeed = {}): Promise<CurrentUser | Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'authentication required' }, { status: 401 });
  if (await mustEnrolFirst(user))
    return Response.json(
      { error: `two-factor sign-in is required for your role: set it up on ${ENROLMENT_PATH}` },
      { status: 403 },
    );
  const access = await accessHere(user, need);
  if (!access.ok) return Response.json({ error: access.message }, { status: 403 });
  return user;
}

import 'server-only';
import { cache } from 'react';
import { eq } from 'drizzle-orm';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import { user, userTotp } from '../db/dashboards/schema';
import { rethrowFromPools } from '../db/pool';
import type { Role } from './domain/access';

/** Where a user whose role must use two-factor and who has none is sent (and may only go). */
export const ENROLMENT_PATH = '/account';

/** REQUIRE_2FA (lib/core/env.ts): the roles that must sign in with a code. */
export function twoFactorRequired(role: Role, policy: readonly string[] = getEnv().require2fa) {
  return policy.includes(role);
}

/**
 * Whether the user must set up two-factor before anything else: their role is in REQUIRE_2FA
 * and they have no confirmed enrolment. Costs nothing (no query) for roles the policy leaves
 * out, one primary-key lookup for the others.
 */
export async function mustEnrolFirst(u: {
  uniqueId: string;
  role: Role;
  viaOidc?: boolean;
}): Promise<boolean> {
  // A login through the firm's OpenID Connect provider is under that provider's MFA policy.
  if (u.viaOidc) return false;
  return twoFactorRequired(u.role) && !(await confirmedTwoFactor(u.uniqueId));
}

/** Cached per request: the layout and the page both ask. */
const confirmedTwoFactor = cache(async (uniqueId: string): Promise<boolean> => {
  const { db, pool } = getDashboardsDb();
  const rows = await db
    .select({ confirmed: userTotp.timeConfirmed })
    .from(user)
    .innerJoin(userTotp, eq(userTotp.userId, user.userId))
    .where(eq(user.uniqueId, uniqueId))
    .limit(1)
    .catch((err) => rethrowFromPools(err, [pool]));
  return Boolean(rows[0]?.confirmed);
});

import 'server-only';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import { findUserByUniqueId } from '../db/dashboards/users';
import { rethrowFromPools } from '../db/pool';
import type { Role } from './domain/access';
import { twoFactorRequired } from './totp-policy';
import { findTotp, readSecret, totpUri, unusedRecoveryCodes } from './totp-store';

export type TwoFactorView =
  | { state: 'off'; required: boolean }
  | { state: 'pending'; required: boolean; secret: string; uri: string }
  | { state: 'on'; since: Date; recoveryLeft: number };

/**
 * What the account page shows about the user's two-factor sign-in. A pending set-up shows its
 * secret (decrypted here, to the user it belongs to only) for the QR code and manual entry.
 */
export async function loadTwoFactorView(me: {
  uniqueId: string;
  role: Role;
}): Promise<TwoFactorView> {
  const { db, pool } = getDashboardsDb();
  try {
    const required = twoFactorRequired(me.role);
    const row = await findUserByUniqueId(db, me.uniqueId);
    const totp = row && (await findTotp(db, row.userId));
    if (!row || !totp) return { state: 'off', required };
    if (totp.timeConfirmed)
      return {
        state: 'on',
        since: totp.timeConfirmed,
        recoveryLeft: await unusedRecoveryCodes(db, row.userId),
      };
    const secret = readSecret(getEnv().cookieSecret, totp);
    return { state: 'pending', required, secret, uri: totpUri(secret, row.username) };
  } catch (err) {
    return rethrowFromPools(err, [pool]);
  }
}

import 'server-only';
import { ConfigError, DatabaseUnreachableError } from '../core/errors';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { findLedgerAccount } from './queries/account';

/**
 * The account `/ledger/<name>` shows, as stored, before the page streams (so that an unknown
 * account is still a 404: see lib/strategy/exists.ts); null when there is none; undefined when
 * it cannot be told (the page's own load reports why).
 */
export async function ledgerAccountName(name: string): Promise<string | null | undefined> {
  try {
    const trading = getTradingDb().pool;
    const found = await findLedgerAccount(trading, name).catch((err) =>
      rethrowFromPools(err, [trading]),
    );
    return found ? found.name : null;
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) return undefined;
    throw err;
  }
}

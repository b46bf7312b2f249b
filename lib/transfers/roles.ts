import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { describeTransfer, type TransferRole } from './domain/role';
import { pairTransferLegs } from './domain/pairing';
import { listTransactions } from './queries';

/**
 * The other leg of every paired transaction, for the ledger's descriptions and pending list.
 * Pairing needs every transaction (a leg's partner can be anywhere in the table, and the
 * choice among several candidates is global), so it runs over the whole table, as the fund
 * does, with the same function; the result is kept per pool until the table changes (its
 * row count, newest id or completions). The table holds a few rows a day.
 */
interface Cached {
  fingerprint: string;
  roles: Promise<ReadonlyMap<number, TransferRole>>;
}
const cache = new WeakMap<Pool, Cached>();

export async function loadTransferRoles(pool: Pool): Promise<ReadonlyMap<number, TransferRole>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n, COALESCE(MAX(`transaction_id`), 0) AS maxId, COALESCE(SUM(`transaction_status` = 'COMPLETED'), 0) AS done, " +
      'COALESCE(MAX(`time_completed`), 0) AS lastDone FROM `transaction`',
  );
  const r = rows[0];
  const fingerprint = `${r.n}/${r.maxId}/${r.done}/${String(r.lastDone)}`;
  const hit = cache.get(pool);
  if (hit && hit.fingerprint === fingerprint) return hit.roles;
  const roles = computeRoles(pool);
  cache.set(pool, { fingerprint, roles });
  roles.catch(() => cache.delete(pool));
  return roles;
}

async function computeRoles(pool: Pool): Promise<ReadonlyMap<number, TransferRole>> {
  const txs = await listTransactions(pool);
  const burn = (account: string | null) => account?.toUpperCase() === 'BURN';
  const roles = new Map<number, TransferRole>();
  for (const p of pairTransferLegs(txs, (w, d) => !(burn(w.account) && burn(d.account)))) {
    const [w, d] = [p.withdrawal, p.deposit];
    roles.set(w.id, describeTransfer({ self: w, other: d, burn }));
    roles.set(d.id, describeTransfer({ self: d, other: w, burn }));
  }
  return roles;
}

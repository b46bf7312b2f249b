import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { TransactionSums } from '../domain/totals';
import type { LedgerAccount } from './account';
import { snapshotSums, snapshotSumsBetween, type TransactionSnapshot } from './transactions';
import { TX_DRIFT_SQL, TX_FEE_CURRENCY_SQL, TX_TIME_SQL, TX_TYPE_SQL, dbSeconds } from './sql';

/** Live SUM ... GROUP BY over the account's COMPLETED transactions in [from, to) (unix seconds; from null = since the beginning). */
export async function sumTransactions(
  pool: Pool,
  account: LedgerAccount,
  from: number | null,
  to: number,
  snapshot?: Promise<TransactionSnapshot | null>,
): Promise<TransactionSums[]> {
  const snap = await snapshot;
  if (snap) return snapshotSums(snap, from, to);
  return (await groupTransactions(pool, account, from, to, null)).map(({ sums }) => sums);
}

/**
 * sumTransactions over [edges[0], edges[last]) per stretch between consecutive `edges` (unix
 * seconds, ascending): `start` is the stretch's start. In no particular order.
 */
export async function sumTransactionsBetween(
  pool: Pool,
  account: LedgerAccount,
  edges: readonly number[],
  snapshot?: Promise<TransactionSnapshot | null>,
): Promise<Array<{ start: number; sums: TransactionSums }>> {
  if (edges.length < 2) return [];
  const snap = await snapshot;
  if (snap) return snapshotSumsBetween(snap, edges);
  return groupTransactions(pool, account, edges[0], edges[edges.length - 1], edges);
}

async function groupTransactions(
  pool: Pool,
  account: LedgerAccount,
  from: number | null,
  to: number,
  edges: readonly number[] | null,
): Promise<Array<{ start: number; sums: TransactionSums }>> {
  if (account.exchangeIds.length === 0 || (from !== null && from >= to)) return [];
  const where = [
    "x.`exchange_id` IN (?) AND x.`transaction_status` = 'COMPLETED'",
    `${TX_TIME_SQL} < ?`,
  ];
  const params: unknown[] = [account.exchangeIds, dbSeconds(to)];
  if (from !== null) {
    where.push(`${TX_TIME_SQL} >= ?`);
    params.push(dbSeconds(from));
  }
  // The stretch [edges[k - 1], edges[k]) holding the transaction's time.
  const stretch = edges
    ? `INTERVAL(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${TX_TIME_SQL}), ${edges.map(() => '?').join(', ')}) AS k, `
    : '';
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${stretch}${TX_TYPE_SQL} AS type, ${TX_DRIFT_SQL} AS drift, x.\`amount_currency\` AS amountCur,
       ${TX_FEE_CURRENCY_SQL} AS feeCur, SUM(x.\`amount\`) AS amount, SUM(x.\`fee\`) AS fee, COUNT(*) AS n
     FROM \`transaction\` x
     WHERE ${where.join(' AND ')}
     GROUP BY ${edges ? 'k, ' : ''}type, drift, amountCur, feeCur`,
    [...(edges ?? []), ...params],
  );
  return rows.map((r) => ({
    start: edges ? edges[Number(r.k) - 1] : 0,
    sums: {
      type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
      drift: Number(r.drift) === 1,
      amountCurrency: r.amountCur ?? '',
      feeCurrency: r.feeCur ?? '',
      amount: r.amount,
      fee: r.fee,
      count: Number(r.n),
    },
  }));
}

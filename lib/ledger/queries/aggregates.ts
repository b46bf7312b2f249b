import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { TransactionSums } from '../domain/totals';
import type { LedgerAccount } from './account';
import { TX_DRIFT_SQL, TX_FEE_CURRENCY_SQL, TX_TIME_SQL, TX_TYPE_SQL, dbSeconds } from './sql';

/** Live SUM ... GROUP BY over the account's COMPLETED transactions in [from, to) (unix seconds; from null = since the beginning). */
export async function sumTransactions(
  pool: Pool,
  account: LedgerAccount,
  from: number | null,
  to: number,
): Promise<TransactionSums[]> {
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
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${TX_TYPE_SQL} AS type, ${TX_DRIFT_SQL} AS drift, x.\`amount_currency\` AS amountCur,
       ${TX_FEE_CURRENCY_SQL} AS feeCur, SUM(x.\`amount\`) AS amount, SUM(x.\`fee\`) AS fee, COUNT(*) AS n
     FROM \`transaction\` x
     WHERE ${where.join(' AND ')}
     GROUP BY type, drift, amountCur, feeCur`,
    params,
  );
  return rows.map((r) => ({
    type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
    drift: Number(r.drift) === 1,
    amountCurrency: r.amountCur ?? '',
    feeCurrency: r.feeCur ?? '',
    amount: r.amount,
    fee: r.fee,
    count: Number(r.n),
  }));
}

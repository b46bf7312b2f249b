import { toDbDate } from '../../db/db-time';
import { FILL_FEE_CURRENCY_SQL } from '../../fills/sql';
import type { LedgerKey, LedgerRowType } from '../domain/types';

/**
 * SQL fragments shared by the ledger queries, so that rows, aggregates and checkpoints classify
 * transfers by the very same rules (fills follow lib/fills/sql.ts, as on every page):
 *   a transaction is a DEPOSIT when its type is DEPOSIT, any other is a withdrawal;
 *   a drift correction has transaction_details {"drift": true};
 *   a fee without fee_currency is in the amount currency.
 */
export const TX_TIME_SQL = 'COALESCE(x.`time_completed`, x.`time_created`)';
export const TX_TYPE_SQL =
  "CASE WHEN UPPER(x.`transaction_type`) = 'DEPOSIT' THEN 'DEPOSIT' ELSE 'WITHDRAWL' END";
export const TX_DRIFT_SQL =
  "COALESCE(JSON_VALUE(x.`transaction_details`, '$.drift') IN ('true', '1'), 0)";
export const TX_FEE_CURRENCY_SQL = "COALESCE(NULLIF(x.`fee_currency`, ''), x.`amount_currency`)";

export interface Sql {
  sql: string;
  params: unknown[];
}

/** Unix seconds -> DATETIME parameter (naive UTC). */
export const dbSeconds = (s: number) => toDbDate(new Date(s * 1000));

/**
 * Items of one kind on one side of a keyset bound in (time, kind, id) order. `op` is the
 * comparison of the item key with the bound; written so the time part is a plain range the
 * time_created index can serve.
 */
export function keysetCondition(
  timeExpr: string,
  idExpr: string,
  kind: 0 | 1,
  bound: LedgerKey,
  op: '>' | '>=' | '<' | '<=',
): Sql {
  const t = dbSeconds(bound.time);
  const up = op === '>' || op === '>=';
  if (kind !== bound.kind) {
    // Another kind at the same second sorts entirely before or after the bound.
    const sameSecondIncluded = up ? kind > bound.kind : kind < bound.kind;
    return { sql: `${timeExpr} ${up ? '>' : '<'}${sameSecondIncluded ? '=' : ''} ?`, params: [t] };
  }
  const strict = up ? '>' : '<';
  return {
    sql: `${timeExpr} ${strict}= ? AND (${timeExpr} ${strict} ? OR ${idExpr} ${op} ?)`,
    params: [t, t, bound.id],
  };
}

/** Row filters pushed down to SQL (the rows themselves are filtered again after expansion). */
export interface ItemFilter {
  currency: string | null;
  types: readonly LedgerRowType[] | null;
}

export function tradeFilter(f: ItemFilter): Sql | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.types) {
    if (f.types.includes('trade')) {
      // every fill has trade rows
    } else if (f.types.includes('fee')) parts.push('t.`fee` <> 0');
    else return null;
  }
  if (f.currency) {
    parts.push(
      `(t.\`price_currency\` = ? OR t.\`volume_currency\` = ? OR (${FILL_FEE_CURRENCY_SQL} = ? AND t.\`fee\` <> 0))`,
    );
    params.push(f.currency, f.currency, f.currency);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

export function transactionFilter(f: ItemFilter): Sql | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.types) {
    const any: string[] = [];
    if (f.types.includes('deposit'))
      any.push(`(${TX_TYPE_SQL} = 'DEPOSIT' AND NOT ${TX_DRIFT_SQL})`);
    if (f.types.includes('withdrawal'))
      any.push(`(${TX_TYPE_SQL} = 'WITHDRAWL' AND NOT ${TX_DRIFT_SQL})`);
    if (f.types.includes('drift')) any.push(TX_DRIFT_SQL);
    if (f.types.includes('fee')) any.push('x.`fee` <> 0');
    if (any.length === 0) return null;
    parts.push(`(${any.join(' OR ')})`);
  }
  if (f.currency) {
    parts.push(`(x.\`amount_currency\` = ? OR (${TX_FEE_CURRENCY_SQL} = ? AND x.\`fee\` <> 0))`);
    params.push(f.currency, f.currency);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

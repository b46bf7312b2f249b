import { fixedToString } from '../core/money/fixed';
import { encodeLedgerKey } from './domain/key';
import type { LedgerRow, LedgerRowType } from './domain/types';
import type { LedgerQuery } from './domain/query';

/** A ledger row as pages, the JSON API and the CSV show it: plain strings only. */
export interface LedgerRowView {
  key: string;
  /** ISO 8601 UTC, whole seconds. */
  time: string;
  type: LedgerRowType;
  description: string;
  currency: string;
  /** Positive decimal strings; exactly one of credit/debit is set. */
  credit: string | null;
  debit: string | null;
  /** Balance after this row, one per currency column, same order. */
  balances: string[] | null;
  tradeId: number | null;
  transactionId: number | null;
  externalId: string | null;
}

export function rowMatches(row: LedgerRow, q: Pick<LedgerQuery, 'currency' | 'types'>): boolean {
  return (!q.currency || row.currency === q.currency) && (!q.types || q.types.includes(row.type));
}

/** Consecutive rows mostly share a second: the last formatted one is reused (CSV hot path). */
let lastSecond = NaN;
let lastIso = '';
function isoSecond(s: number): string {
  if (s !== lastSecond)
    [lastSecond, lastIso] = [s, new Date(s * 1000).toISOString().replace('.000Z', 'Z')];
  return lastIso;
}

export function toRowView(row: LedgerRow, balances: string[] | null): LedgerRowView {
  return {
    key: encodeLedgerKey(row.key),
    time: isoSecond(row.key.time),
    type: row.type,
    description: row.description,
    currency: row.currency,
    credit: row.amount >= 0n ? fixedToString(row.amount) : null,
    debit: row.amount < 0n ? fixedToString(-row.amount) : null,
    balances,
    tradeId: row.tradeId,
    transactionId: row.transactionId,
    externalId: row.externalId,
  };
}

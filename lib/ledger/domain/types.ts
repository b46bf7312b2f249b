import type { TransferRole } from '../../transfers/domain/role';
import type { Fixed } from '../../core/money/fixed';

/**
 * The ledger of one exchange account (issue 6): trades and transactions ("items") expand to
 * rows, each one signed movement of one currency. Times are whole UTC seconds since the epoch
 * (Gryphon's DATETIME columns have no fractions); amounts are exact `Fixed` values.
 */

/** A fill of one of the account's orders. `price` is the fill's total notional. */
export interface TradeItem {
  kind: 'trade';
  id: number;
  time: number;
  side: 'BID' | 'ASK';
  exchangeTradeId: string | null;
  price: string;
  priceCurrency: string;
  volume: string;
  volumeCurrency: string;
  fee: string | null;
  feeCurrency: string | null;
}

/** A COMPLETED deposit or withdrawal (time = COALESCE(time_completed, time_created)). */
export interface TransactionItem {
  kind: 'transaction';
  id: number;
  time: number;
  type: 'DEPOSIT' | 'WITHDRAWL';
  amount: string;
  amountCurrency: string;
  fee: string | null;
  feeCurrency: string | null;
  /** transaction_details as stored (JSON text or null). */
  details: string | null;
  /** When this is one leg of a transfer between our accounts (transfer-pairing.ts). */
  role?: TransferRole | null;
}

export type LedgerItem = TradeItem | TransactionItem;

/** What the type filter selects; trade = a fill's credit and debit rows. */
export const LEDGER_ROW_TYPES = ['trade', 'fee', 'deposit', 'withdrawal', 'drift'] as const;
export type LedgerRowType = (typeof LEDGER_ROW_TYPES)[number];

/**
 * Total order of the ledger: time, then trades before transactions in the same second, then
 * id, then the row within its item (credit, debit, fee for a trade; amount, fee for a
 * transaction). Ties at one second are common: this keeps pagination stable.
 */
export interface LedgerKey {
  time: number;
  kind: 0 | 1;
  id: number;
  sub: number;
}

export interface LedgerRow {
  key: LedgerKey;
  type: LedgerRowType;
  currency: string;
  /** Signed: positive credits the account, negative debits it. */
  amount: Fixed;
  description: string;
  tradeId: number | null;
  transactionId: number | null;
  /** exchange_trade_id, or the transaction's id at the exchange when its details give one. */
  externalId: string | null;
}

/** Currency -> amount; a missing currency is zero. */
export type Balances = Map<string, Fixed>;

import type { StatementMapping } from './statement';

/**
 * Column presets for statement formats whose CSV header is documented, chosen automatically
 * when a file's header has every column the preset needs (names compared without case and
 * surrounding blanks; the mapping uses the file's own spelling). Formats with one movement of
 * one currency per line and a signed amount are read as they are; Bitstamp's, whose trade line
 * is two or three movements with the sign in its type, through its layout (BitstampLayout).
 * See docs/ledger.md for the formats left out and why.
 */
export interface StatementPreset {
  id:
    | 'gryphon-export'
    | 'kraken-ledgers'
    | 'binance-statement'
    | 'coinbase-exchange-account'
    | 'bitstamp-transactions'
    | 'bitstamp-transactions-rfc4180';
  label: string;
  /** Where the header is documented. */
  source: string;
  /** Columns of the preset's mapping, in the preset's spelling; all must be in the header. */
  mapping: StatementMapping;
}

const blank = {
  amount: null,
  credit: null,
  debit: null,
  currency: null,
  type: null,
  externalId: null,
  fee: null,
  negate: false,
};

export const STATEMENT_PRESETS: readonly StatementPreset[] = [
  {
    // Our own CSV export (lib/ledger/export.ts): uploaded back unchanged it reconciles clean.
    // `trade_id`, `transaction_id` and `row_key` are our ids, never the exchange's.
    id: 'gryphon-export',
    label: 'Gryphon Dashboards ledger export',
    source: 'lib/ledger/export.ts (CSV_FIXED_COLUMNS)',
    mapping: {
      ...blank,
      time: 'time_utc',
      credit: 'credit',
      debit: 'debit',
      currency: 'currency',
      type: 'type',
      externalId: 'external_id',
    },
  },
  {
    // Kraken's ledgers.csv: txid, refid, time, type, subtype, aclass, asset, amount, fee,
    // balance; amount signed, fee paid on top, refid shared by a trade's two legs. Documented
    // by Kraken: https://support.kraken.com/hc/en-us/articles/360001169383-How-to-interpret-Ledger-history-fields
    id: 'kraken-ledgers',
    label: 'Kraken ledgers.csv',
    source:
      'https://support.kraken.com/hc/en-us/articles/360001169383-How-to-interpret-Ledger-history-fields',
    mapping: {
      ...blank,
      time: 'time',
      amount: 'amount',
      currency: 'asset',
      type: 'type',
      externalId: 'refid',
      fee: 'fee',
    },
  },
  {
    // Binance "Generate all statements" (transaction history): User_ID, UTC_Time, Account,
    // Operation, Coin, Change, Remark; Change signed, no id of the trade. Binance publishes no
    // description of it; the header is documented by the cryptoTax R package
    // (https://rdrr.io/cran/cryptoTax/src/R/data_binance.R, data_binance: "Binance transaction
    // history file") and BittyTax (https://github.com/BittyTax/BittyTax/wiki/Exchange:-Binance).
    id: 'binance-statement',
    label: 'Binance transaction history (all statements)',
    source: 'https://rdrr.io/cran/cryptoTax/src/R/data_binance.R',
    mapping: {
      ...blank,
      time: 'UTC_Time',
      amount: 'Change',
      currency: 'Coin',
      type: 'Operation',
    },
  },
  {
    // Coinbase Exchange (formerly Coinbase Pro) account report ("Create a report", type
    // "account", format csv): portfolio, type, time, amount, balance, amount/balance unit,
    // transfer id, trade id, order id. One signed movement per line; `type` is the ledger
    // entry's kind (transfer/deposit/withdrawal, match = one leg of a trade, fee, rebate,
    // conversion); a trade is two match lines and a fee line sharing its `trade id`, a deposit
    // or withdrawal has a `transfer id` instead. Coinbase documents the report and the entry
    // types (https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/reports/create-report,
    // https://docs.cloud.coinbase.com/exchange/reference/exchangerestapi_getaccountledger) but
    // not the CSV's header; the header is the one BittyTax reads ("Coinbase Pro Account",
    // https://github.com/BittyTax/BittyTax/blob/master/src/bittytax/conv/parsers/coinbasepro.py).
    // `order id` is Coinbase's order, not the trade: never the id.
    id: 'coinbase-exchange-account',
    label: 'Coinbase Exchange (Pro) account report',
    source:
      'https://github.com/BittyTax/BittyTax/blob/master/src/bittytax/conv/parsers/coinbasepro.py',
    mapping: {
      ...blank,
      time: 'time',
      amount: 'amount',
      currency: 'amount/balance unit',
      type: 'type',
      externalId: 'trade id',
      externalIdFallback: 'transfer id',
    },
  },
  {
    // Bitstamp's transaction export (older form): Type, Datetime ("Jan. 05, 2018, 08:15 PM"),
    // Account, Amount ("0.10000000 BTC"), Value ("1500.00 USD"), Rate, Fee ("3.75 USD"), Sub
    // Type (Buy / Sell on Market lines). Amounts carry no sign; it comes from Type and Sub
    // Type. No id column. Bitstamp does not publish the header; it is the one BittyTax reads
    // (https://github.com/BittyTax/BittyTax/blob/master/src/bittytax/conv/parsers/bitstamp.py).
    id: 'bitstamp-transactions',
    label: 'Bitstamp transactions export',
    source:
      'https://github.com/BittyTax/BittyTax/blob/master/src/bittytax/conv/parsers/bitstamp.py',
    mapping: {
      ...blank,
      time: 'Datetime',
      amount: 'Amount',
      type: 'Type',
      fee: 'Fee',
      layout: {
        kind: 'bitstamp',
        value: 'Value',
        valueCurrency: null,
        feeCurrency: null,
        side: 'Sub Type',
      },
    },
  },
  {
    // Bitstamp's RFC 4180 transaction export: ID, Account, Type, Subtype, Datetime (ISO 8601),
    // Amount, Amount currency, Value, Value currency, Rate, Rate currency, Fee, Fee currency,
    // Order ID (same source). `ID` is Bitstamp's user-transaction id, the id Gryphon stores as
    // a trade's exchange_trade_id (gryphon/lib/exchange/bitstamp_btc_usd.py: 'trade_id':
    // t['id'] from user_transactions); `Order ID` is the order's, never the id.
    id: 'bitstamp-transactions-rfc4180',
    label: 'Bitstamp transactions export (RFC 4180)',
    source:
      'https://github.com/BittyTax/BittyTax/blob/master/src/bittytax/conv/parsers/bitstamp.py',
    mapping: {
      ...blank,
      time: 'Datetime',
      amount: 'Amount',
      currency: 'Amount currency',
      type: 'Type',
      externalId: 'ID',
      fee: 'Fee',
      layout: {
        kind: 'bitstamp',
        value: 'Value',
        valueCurrency: 'Value currency',
        feeCurrency: 'Fee currency',
        side: 'Subtype',
      },
    },
  },
];

const norm = (s: string) => s.trim().toLowerCase();

/** The first preset whose columns are all in the header, its mapping in the header's spelling. */
export function detectPreset(
  header: readonly string[],
): { preset: StatementPreset; mapping: StatementMapping } | null {
  const byName = new Map(header.map((h) => [norm(h), h]));
  for (const preset of STATEMENT_PRESETS) {
    const m = preset.mapping;
    const cols = [
      m.time,
      m.amount,
      m.credit,
      m.debit,
      m.currency,
      m.type,
      m.externalId,
      m.externalIdFallback ?? null,
      m.fee,
      m.layout?.value ?? null,
      m.layout?.valueCurrency ?? null,
      m.layout?.feeCurrency ?? null,
      m.layout?.side ?? null,
    ];
    if (!cols.every((c) => c === null || byName.has(norm(c)))) continue;
    const own = (c: string | null) => (c === null ? null : byName.get(norm(c))!);
    const fallback = m.externalIdFallback ? own(m.externalIdFallback) : null;
    const layout = m.layout
      ? {
          layout: {
            kind: m.layout.kind,
            value: own(m.layout.value)!,
            valueCurrency: own(m.layout.valueCurrency),
            feeCurrency: own(m.layout.feeCurrency),
            side: own(m.layout.side)!,
          },
        }
      : {};
    return {
      preset,
      mapping: {
        time: own(m.time)!,
        amount: own(m.amount),
        credit: own(m.credit),
        debit: own(m.debit),
        currency: own(m.currency),
        type: own(m.type),
        externalId: own(m.externalId),
        ...(fallback ? { externalIdFallback: fallback } : {}),
        fee: own(m.fee),
        negate: m.negate,
        ...layout,
      },
    };
  }
  return null;
}

/**
 * Ids that are never the exchange's id of a trade or transfer: a line's own number (Kraken's
 * txid numbers ledger lines, not trades), order, user and account ids, our export's row key and
 * transaction id. A "trade id" is the exchange's (Coinbase) except beside a row key, where the
 * file is one of our exports.
 */
const INTERNAL_ID =
  /^(id|#|no\.?|row[ _-]?key|row[ _-]?id|transaction[ _-]?id|tx[ _-]?id|order[ _-]?id|user[ _-]?id|account[ _-]?id|client[ _-]?id)$/i;
const OUR_TRADE_ID = /^trade[ _-]?id$/i;

/**
 * A mapping for the header: a preset when one fits, else guessed from column names, preferring
 * the documented names (refid, external id, reference) and never an internal id.
 */
export function guessMapping(header: readonly string[]): StatementMapping {
  const preset = detectPreset(header);
  if (preset) return preset.mapping;
  const find = (...patterns: RegExp[]) => {
    for (const p of patterns) {
      const hit = header.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return null;
  };
  const amount = find(
    /^(amount|change|net|net amount|delta)$/i,
    /^(net|quantity|value)/i,
    /amount/i,
  );
  const credit = find(/^(credit|credits|paid in|money in|in)$/i);
  const debit = find(/^(debit|debits|paid out|money out|out)$/i);
  const useColumns = !amount && credit !== null && debit !== null;
  const ourExport = header.some((h) => /^row[ _-]?key$/i.test(h.trim()));
  const externalCandidates = header.filter(
    (h) => !INTERNAL_ID.test(h.trim()) && !(ourExport && OUR_TRADE_ID.test(h.trim())),
  );
  const findId = (...patterns: RegExp[]) => {
    for (const p of patterns) {
      const hit = externalCandidates.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return null;
  };
  return {
    time:
      find(
        /^(date)?time(stamp)?$/i,
        /^(utc[ _-]?time|time[ _-]?utc|date[ _-]?time)$/i,
        /^date/i,
        /time/i,
      ) ??
      header[0] ??
      '',
    amount: useColumns ? null : (amount ?? header[1] ?? ''),
    credit: useColumns ? credit : null,
    debit: useColumns ? debit : null,
    currency: find(/^(currency|asset|ccy|coin|unit)$/i, /currency|asset|unit/i),
    type: find(/^(type|kind|operation)$/i, /type/i),
    externalId: findId(
      /^(refid|ref[ _-]?id|external[ _-]?id|exchange[ _-]?(trade[ _-]?)?id|reference|ref)$/i,
      /^(trade|transfer|withdrawal|deposit)[ _-]?(id|reference)$/i,
      /^(tx[ _-]?hash|transaction[ _-]?hash|hash)$/i,
      /\b(ref|reference)\b/i,
    ),
    fee: find(/^fee$/i, /fee/i),
    negate: false,
  };
}

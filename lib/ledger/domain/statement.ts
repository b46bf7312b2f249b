import { parseFixed, type Fixed } from '../../core/money/fixed';
import { parseIsoInstant } from '../../core/time/iso-instant';

/**
 * An exchange's own CSV statement, read with a column mapping chosen once per account. One
 * CSV line is one movement of one currency: a signed amount (+ credits the account), or a
 * credit and a debit column (amount = credit − debit, a blank cell is 0: our own CSV export has
 * this shape), and optionally a fee charged on top (Kraken's ledgers.csv has exactly this
 * shape). Times are UTC unless they carry an offset; amounts use "." as the decimal point
 * ("1,234.50" is fine).
 */
export interface StatementMapping {
  time: string;
  /** The signed amount column; null when the file has `credit` and `debit` columns instead. */
  amount: string | null;
  credit: string | null;
  debit: string | null;
  currency: string | null;
  type: string | null;
  externalId: string | null;
  /**
   * The id column read when `externalId`'s cell is blank (Coinbase Exchange's account report:
   * `trade id` on match and fee lines, `transfer id` on deposits and withdrawals). Left out
   * (never null) when the mapping has none, so mappings stored before it existed are unchanged.
   */
  externalIdFallback?: string;
  fee: string | null;
  /** The statement shows debits as positive and credits as negative. */
  negate: boolean;
}

export interface StatementRow {
  /** Line of the file (the header is line 1). */
  line: number;
  time: number;
  amount: Fixed;
  currency: string;
  fee: Fixed;
  type: string | null;
  externalId: string | null;
  /** Decimals the line writes its amount (and fee) with: the statement's precision. */
  decimals: number;
}

export interface ParsedStatement {
  rows: StatementRow[];
  skipped: Array<{ line: number; reason: string }>;
}

/**
 * A mapping as stored (mappings saved before credit/debit columns existed lack them), checked:
 * an amount column, or a credit and a debit column, never both. Null when unusable.
 */
export function normalizeMapping(m: Partial<StatementMapping> | null): StatementMapping | null {
  if (!m || typeof m.time !== 'string' || !m.time) return null;
  const amount = m.amount || null;
  const credit = m.credit || null;
  const debit = m.debit || null;
  if (amount ? credit || debit : !(credit && debit)) return null;
  return {
    time: m.time,
    amount,
    credit,
    debit,
    currency: m.currency || null,
    type: m.type || null,
    externalId: m.externalId || null,
    ...(m.externalId && m.externalIdFallback ? { externalIdFallback: m.externalIdFallback } : {}),
    fee: m.fee || null,
    negate: m.negate === true,
  };
}

/** Every column the mapping names. */
export function mappedColumns(m: StatementMapping): string[] {
  return [
    m.time,
    m.amount,
    m.credit,
    m.debit,
    m.currency,
    m.type,
    m.externalId,
    m.externalIdFallback,
    m.fee,
  ].filter((c): c is string => !!c);
}

/** Columns the mapping names that the header lacks (empty = usable). */
export function missingColumns(header: readonly string[], m: StatementMapping): string[] {
  return mappedColumns(m).filter((c) => !header.includes(c));
}

/**
 * Kraken's own asset codes (its ledgers.csv: "X" before crypto, "Z" before fiat, XBT for
 * bitcoin; https://support.kraken.com/hc/en-us/articles/360001169383) as the ledger's codes, so
 * that its lines are compared with ours.
 */
const KRAKEN_CODES: Record<string, string> = {
  XBT: 'BTC',
  XXBT: 'BTC',
  XETH: 'ETH',
  XLTC: 'LTC',
  XZEC: 'ZEC',
  XXRP: 'XRP',
  XXLM: 'XLM',
  XXDG: 'DOGE',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZCAD: 'CAD',
  ZJPY: 'JPY',
};

const AMOUNT = /^([A-Za-z]{2,6})?\s*([+-]?)\s*([\d,]*\.?\d+)\s*([A-Za-z]{2,6})?$/;

/** "1,234.5", "-0.3 BTC", "USD 12", "(25.50)" -> Fixed and the currency written with it. */
export function parseStatementAmount(
  text: string,
): { amount: Fixed; currency: string | null; decimals: number } | null {
  let t = text.trim().replace(/^\$/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) [negative, t] = [true, paren[1].trim()];
  const m = AMOUNT.exec(t);
  if (!m || (m[1] && m[4])) return null;
  const digits = m[3].replace(/,/g, '');
  if (!/^\d*\.?\d+$/.test(digits)) return null;
  const value = parseFixed(digits);
  const dot = digits.indexOf('.');
  return {
    amount: negative !== (m[2] === '-') ? -value : value,
    currency: (m[1] ?? m[4] ?? '').toUpperCase() || null,
    decimals: dot < 0 ? 0 : digits.length - dot - 1,
  };
}

/** ISO 8601 (space or T, optional offset), YYYY/MM/DD, or epoch seconds / milliseconds. */
export function parseStatementTime(text: string): number | null {
  const t = text.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(t)) return Math.floor(Number(t));
  if (/^\d{12,13}$/.test(t)) return Math.floor(Number(t) / 1000);
  const r = parseIsoInstant(t.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3'));
  return r.ok ? Math.floor(r.date.getTime() / 1000) : null;
}

/**
 * A reader for one file's lines: `read(record, line)` gives the row, null for a blank line, or
 * the reason the line cannot be read. Lines are read one at a time so uploads can be parsed
 * as a stream.
 */
export function statementLineReader(header: readonly string[], m: StatementMapping) {
  const col = (name: string | null) => (name ? header.indexOf(name) : -1);
  const [iTime, iAmount, iCredit, iDebit, iCurrency, iType, iId, iIdFallback, iFee] = [
    m.time,
    m.amount,
    m.credit,
    m.debit,
    m.currency,
    m.type,
    m.externalId,
    m.externalIdFallback ?? null,
    m.fee,
  ].map(col);
  return (rec: readonly string[], line: number): StatementRow | { reason: string } | null => {
    if (rec.every((v) => v.trim() === '')) return null;
    const cell = (j: number) => (j >= 0 ? (rec[j] ?? '').trim() : '');
    const time = parseStatementTime(cell(iTime));
    if (time === null) return { reason: `time "${cell(iTime).slice(0, 40)}" is not a date-time` };
    const amount = m.amount
      ? readAmount(cell(iAmount))
      : readCreditDebit(cell(iCredit), cell(iDebit));
    if ('reason' in amount) return amount;
    const written = (cell(iCurrency) || amount.currency || '').toUpperCase();
    const currency = KRAKEN_CODES[written] ?? written;
    if (!/^[A-Z0-9.]{2,16}$/.test(currency)) {
      return {
        reason: currency
          ? `currency "${currency.slice(0, 20)}" is not a currency code`
          : 'no currency',
      };
    }
    const fee = cell(iFee)
      ? parseStatementAmount(cell(iFee))
      : { amount: 0n, currency: null, decimals: 0 };
    if (!fee) return { reason: `fee "${cell(iFee).slice(0, 40)}" is not a number` };
    return {
      line,
      time,
      amount: m.negate ? -amount.amount : amount.amount,
      currency,
      fee: fee.amount < 0n ? -fee.amount : fee.amount,
      type: cell(iType) || null,
      externalId: cell(iId) || cell(iIdFallback) || null,
      decimals: Math.max(amount.decimals, fee.decimals),
    };
  };
}

type ReadAmount = { amount: Fixed; currency: string | null; decimals: number } | { reason: string };

function readAmount(text: string): ReadAmount {
  return parseStatementAmount(text) ?? { reason: `amount "${text.slice(0, 40)}" is not a number` };
}

/** amount = |credit| − |debit|; a blank cell is 0 (a debit column may hold "-25" or "25"). */
function readCreditDebit(credit: string, debit: string): ReadAmount {
  if (!credit && !debit) return { reason: 'credit and debit are both blank' };
  const zero = { amount: 0n, currency: null, decimals: 0 };
  const c = credit ? parseStatementAmount(credit) : zero;
  if (!c) return { reason: `credit "${credit.slice(0, 40)}" is not a number` };
  const d = debit ? parseStatementAmount(debit) : zero;
  if (!d) return { reason: `debit "${debit.slice(0, 40)}" is not a number` };
  const abs = (v: Fixed) => (v < 0n ? -v : v);
  return {
    amount: abs(c.amount) - abs(d.amount),
    currency: c.currency ?? d.currency,
    decimals: Math.max(c.decimals, d.decimals),
  };
}

/** `records[0]` is the header. Lines that cannot be read are skipped with the reason. */
export function parseStatement(records: readonly string[][], m: StatementMapping): ParsedStatement {
  const read = statementLineReader(records[0] ?? [], m);
  const out: ParsedStatement = { rows: [], skipped: [] };
  for (let i = 1; i < records.length; i++) {
    const r = read(records[i], i + 1);
    if (r === null) continue;
    if ('reason' in r) out.skipped.push({ line: i + 1, reason: r.reason });
    else out.rows.push(r);
  }
  return out;
}

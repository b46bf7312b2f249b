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
  /**
   * A file whose line is more than one movement (left out, never undefined-valued, when the
   * line is one movement, so stored mappings are unchanged).
   */
  layout?: BitstampLayout;
}

/**
 * Bitstamp's transaction export: amounts are written without sign, the sign comes from `Type`
 * (Deposit, Withdrawal, ...) and, for a trade (`Market`), from the side column (Buy / Sell);
 * a trade line is two or three movements: the volume (`Amount`), the price-currency value
 * (`Value`, the opposite way) and the fee (`Fee`, a debit, in its own currency). The older
 * export writes each amount with its currency ("0.10000000 BTC"), the RFC 4180 one has
 * separate currency columns.
 */
export interface BitstampLayout {
  kind: 'bitstamp';
  value: string;
  /** The value's currency column (RFC 4180 export); null when written in the value cell. */
  valueCurrency: string | null;
  /** The fee's currency column (RFC 4180 export); null when written in the fee cell. */
  feeCurrency: string | null;
  /** Buy / Sell of a trade: "Sub Type" (older export) or "Subtype". */
  side: string;
}

export interface StatementRow {
  /** Line of the file (the header is line 1). */
  line: number;
  /** Movement within the line (Bitstamp: 0 volume, 1 value, 2 fee); 0 when absent. */
  part?: number;
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
    ...(normalizeLayout(m.layout) ? { layout: normalizeLayout(m.layout)! } : {}),
  };
}

function normalizeLayout(l: unknown): BitstampLayout | null {
  const o = l as Partial<BitstampLayout> | null | undefined;
  if (!o || o.kind !== 'bitstamp' || typeof o.value !== 'string' || typeof o.side !== 'string')
    return null;
  if (!o.value || !o.side) return null;
  const opt = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    kind: 'bitstamp',
    value: o.value,
    valueCurrency: opt(o.valueCurrency),
    feeCurrency: opt(o.feeCurrency),
    side: o.side,
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
    m.layout?.value,
    m.layout?.valueCurrency,
    m.layout?.feeCurrency,
    m.layout?.side,
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Bitstamp's older export: "Jan. 05, 2018, 08:15 PM" (also "May 05, 2018, 08:15:30 AM", "Sept."). */
const MONTH_DAY_YEAR =
  /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

function parseMonthDayYear(t: string): number | null {
  const m = MONTH_DAY_YEAR.exec(t);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
  const [day, year, minute, second] = [Number(m[2]), Number(m[3]), Number(m[5]), Number(m[6] ?? 0)];
  let hour = Number(m[4]);
  if (m[7]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[7].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls "Feb 30" over into March: refuse it instead.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms / 1000;
}

/**
 * ISO 8601 (space or T, optional offset), YYYY/MM/DD, "Mon. DD, YYYY, HH:MM AM" (Bitstamp's
 * older export, read as UTC), or epoch seconds / milliseconds.
 */
export function parseStatementTime(text: string): number | null {
  const t = text.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(t)) return Math.floor(Number(t));
  if (/^\d{12,13}$/.test(t)) return Math.floor(Number(t) / 1000);
  if (/^[A-Za-z]/.test(t)) return parseMonthDayYear(t);
  const r = parseIsoInstant(t.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3'));
  return r.ok ? Math.floor(r.date.getTime() / 1000) : null;
}

/**
 * A reader for one file's lines: `read(record, line)` gives the line's movements (one, or
 * more for a Bitstamp trade), null for a blank line, or the reason the line cannot be read.
 * Lines are read one at a time so uploads can be parsed as a stream.
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
  const layout = m.layout
    ? {
        value: col(m.layout.value),
        valueCurrency: col(m.layout.valueCurrency),
        feeCurrency: col(m.layout.feeCurrency),
        side: col(m.layout.side),
      }
    : null;
  return (rec: readonly string[], line: number): StatementRow[] | { reason: string } | null => {
    if (rec.every((v) => v.trim() === '')) return null;
    const cell = (j: number) => (j >= 0 ? (rec[j] ?? '').trim() : '');
    const time = parseStatementTime(cell(iTime));
    if (time === null) return { reason: `time "${cell(iTime).slice(0, 40)}" is not a date-time` };
    const amount = m.amount
      ? readAmount(cell(iAmount))
      : readCreditDebit(cell(iCredit), cell(iDebit));
    if ('reason' in amount) return amount;
    const currency = currencyCode(cell(iCurrency) || amount.currency || '');
    if ('reason' in currency) return currency;
    const fee = cell(iFee)
      ? parseStatementAmount(cell(iFee))
      : { amount: 0n, currency: null, decimals: 0 };
    if (!fee) return { reason: `fee "${cell(iFee).slice(0, 40)}" is not a number` };
    const type = cell(iType) || null;
    const externalId = cell(iId) || cell(iIdFallback) || null;
    if (layout) {
      return bitstampMovements({
        line,
        time,
        type,
        externalId,
        amount: { ...amount, currency: currency.code },
        value: cell(layout.value),
        valueCurrency: cell(layout.valueCurrency),
        fee,
        feeCurrency: cell(layout.feeCurrency),
        side: cell(layout.side),
      });
    }
    return [
      {
        line,
        time,
        amount: m.negate ? -amount.amount : amount.amount,
        currency: currency.code,
        fee: fee.amount < 0n ? -fee.amount : fee.amount,
        type,
        externalId,
        decimals: Math.max(amount.decimals, fee.decimals),
      },
    ];
  };
}

function currencyCode(text: string): { code: string } | { reason: string } {
  const written = text.toUpperCase();
  const code = KRAKEN_CODES[written] ?? written;
  if (/^[A-Z0-9.]{2,16}$/.test(code)) return { code };
  return {
    reason: code ? `currency "${code.slice(0, 20)}" is not a currency code` : 'no currency',
  };
}

const abs = (v: Fixed) => (v < 0n ? -v : v);

/** Bitstamp types whose amount credits the account, and those that debit it. */
const BITSTAMP_CREDIT = new Set(['deposit', 'ripple deposit', 'staking reward']);
const BITSTAMP_DEBIT = new Set(['withdrawal', 'ripple payment']);

/**
 * One Bitstamp line as movements. A Market line: Buy credits `Amount` and debits `Value`,
 * Sell the opposite; the fee is a debit of its currency, charged on the movement of that
 * currency (or its own movement when neither is). Other types move `Amount` only. A type
 * whose direction is not known (sub-account transfers, ...) is refused with its name rather
 * than guessed; the amounts' own signs are ignored (Bitstamp writes none).
 */
function bitstampMovements(l: {
  line: number;
  time: number;
  type: string | null;
  externalId: string | null;
  amount: { amount: Fixed; currency: string; decimals: number };
  value: string;
  valueCurrency: string;
  fee: { amount: Fixed; currency: string | null; decimals: number };
  feeCurrency: string;
  side: string;
}): StatementRow[] | { reason: string } {
  const kind = (l.type ?? '').toLowerCase();
  const base = { line: l.line, time: l.time, type: l.type, externalId: l.externalId };
  const moves: Array<{ amount: Fixed; currency: string; decimals: number }> = [];
  if (kind === 'market') {
    const side = l.side.toLowerCase();
    if (side !== 'buy' && side !== 'sell')
      return { reason: `a Market line's side "${l.side.slice(0, 20)}" is neither Buy nor Sell` };
    const value = parseStatementAmount(l.value);
    if (!value) return { reason: `value "${l.value.slice(0, 40)}" is not a number` };
    const valueCurrency = currencyCode(l.valueCurrency || value.currency || '');
    if ('reason' in valueCurrency) return { reason: `value: ${valueCurrency.reason}` };
    const sign = side === 'buy' ? 1n : -1n;
    moves.push({ ...l.amount, amount: sign * abs(l.amount.amount) });
    moves.push({
      amount: -sign * abs(value.amount),
      currency: valueCurrency.code,
      decimals: value.decimals,
    });
  } else if (BITSTAMP_CREDIT.has(kind) || BITSTAMP_DEBIT.has(kind)) {
    const sign = BITSTAMP_CREDIT.has(kind) ? 1n : -1n;
    moves.push({ ...l.amount, amount: sign * abs(l.amount.amount) });
  } else {
    return {
      reason: `Bitstamp type "${(l.type ?? '').slice(0, 30)}": its direction is not known, so the line is left out`,
    };
  }
  const rows: StatementRow[] = moves.map((mv, part) => ({
    ...base,
    part,
    amount: mv.amount,
    currency: mv.currency,
    fee: 0n,
    decimals: mv.decimals,
  }));
  const fee = abs(l.fee.amount);
  if (fee !== 0n) {
    const feeCurrency = currencyCode(
      l.feeCurrency || l.fee.currency || moves[moves.length - 1].currency,
    );
    if ('reason' in feeCurrency) return { reason: `fee: ${feeCurrency.reason}` };
    const on = rows.find((r) => r.currency === feeCurrency.code);
    if (on) {
      on.fee = fee;
      on.decimals = Math.max(on.decimals, l.fee.decimals);
    } else {
      rows.push({
        ...base,
        part: rows.length,
        amount: -fee,
        currency: feeCurrency.code,
        fee: 0n,
        type: `${l.type ?? ''} fee`.trim(),
        decimals: l.fee.decimals,
      });
    }
  }
  return rows;
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
    else out.rows.push(...r);
  }
  return out;
}

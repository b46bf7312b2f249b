import Decimal from 'decimal.js';
import {
  D,
  type DecimalInput,
  displayDecimals,
  formatMoney,
  isCryptoCurrency,
} from '@/lib/core/money/money';
import { formatUtcDate } from '@/lib/core/time/calendar';
import { describeDuration } from '@/lib/core/time/window-links';
import { UTC, offsetMinutes, wallTime } from '@/lib/core/time/zone';
import { formatOffset } from '@/lib/core/time/zoned-calendar';

/**
 * The one place a number or a time becomes text for a person (docs/formatting.md). Pages,
 * tables, chart tooltips and axis ticks all call these; nothing here reads the server, so client
 * chart components import it too.
 *
 * Style (Gryphon's Money, which its users know): the currency code, a space, the amount grouped
 * by thousands: "USD 1,234.50", "BTC 0.5", "USD -3.10". The minus is the ASCII hyphen-minus, as
 * Gryphon printed it, so a figure copied from the page pastes into a spreadsheet as a number.
 * Times are UTC to the second: "2024-05-01 13:00:07 UTC", or in the display zone the page passes
 * as `tz` (issue 15): "2026-03-07 19:00:00 UTC-05:00".
 */

/** Fixed decimals of the currency (2 fiat, 8 crypto): ledger columns, where decimals line up. */
export { formatMoney };
/** The name pages used before this module grew: the same as formatMoney. */
export { formatMoney as formatAmount };

export type NumberInput = DecimalInput;

export interface ShownOptions {
  /** "+" on positive values (P&L, changes). */
  sign?: boolean;
}

const group = (intPart: string) => intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Decimals that show a non-zero value below the last usual decimal with 3 significant digits. */
function smallDecimals(d: Decimal, usual: number): number {
  const abs = d.abs();
  if (abs.isZero() || abs.gte(D(10).pow(-usual).div(2))) return usual;
  return Math.min(20, -abs.e + 2);
}

/**
 * Grouped, rounded half-even to at most `max` decimals, trailing zeros trimmed down to `min`;
 * never "-0".
 */
export function formatDecimal(
  value: NumberInput,
  min: number,
  max: number,
  opts: ShownOptions = {},
): string {
  const rounded = D(value).toDecimalPlaces(max, Decimal.ROUND_HALF_EVEN);
  const [intPart, frac = ''] = rounded.abs().toFixed(max).split('.');
  let kept = frac;
  while (kept.length > min && kept.endsWith('0')) kept = kept.slice(0, -1);
  const sign = rounded.isZero() ? '' : rounded.isNegative() ? '-' : opts.sign ? '+' : '';
  return sign + group(intPart) + (kept ? `.${kept}` : '');
}

/**
 * An amount of a currency held or traded (volumes, positions, balances in a sentence): 2
 * decimals for fiat; crypto to 8, trimmed of zeros that say nothing down to 2 ("BTC 0.50",
 * "BTC 3.000009", "BTC 0.12345678"); a non-zero amount too small for that gets 3 significant digits.
 */
export function formatQuantity(
  value: NumberInput,
  currency: string,
  opts: ShownOptions = {},
): string {
  const usual = displayDecimals(currency);
  const max = smallDecimals(D(value), usual);
  const min = isCryptoCurrency(currency) ? 2 : max;
  return `${currency.toUpperCase()} ${formatDecimal(value, min, max, opts)}`;
}

/**
 * Money with the currency's usual decimals, plus more only when the amount would otherwise
 * show as zero ("USD 0.000400" for a fee of 4 hundredths of a cent).
 */
export function formatMoneyShown(
  value: NumberInput,
  currency: string,
  opts: ShownOptions = {},
): string {
  const decimals = smallDecimals(D(value), displayDecimals(currency));
  return formatMoney(value, currency, { ...opts, decimals });
}

/**
 * A unit price: the precision that tells prices apart. Fiat prices of 1 or more to the cent
 * ("USD 52,664.66"); below 1, 4 significant digits ("USD 0.01234"); crypto prices to 8 decimals,
 * trimmed ("BTC 0.0312").
 */
export function formatPrice(value: NumberInput, currency: string): string {
  const d = D(value);
  if (isCryptoCurrency(currency)) return formatQuantity(d, currency);
  const abs = d.abs();
  const decimals = abs.isZero() || abs.gte(1) ? 2 : Math.min(12, Math.max(2, -abs.e + 3));
  return `${currency.toUpperCase()} ${formatDecimal(d, 2, decimals)}`;
}

/** An exchange rate, e.g. USD per unit: 10 significant digits, at least 2 decimals. */
export function formatRate(value: NumberInput): string {
  const d = D(value).toSignificantDigits(10, Decimal.ROUND_HALF_EVEN);
  const decimals = Math.max(2, d.decimalPlaces());
  return formatDecimal(d, 2, decimals);
}

/** A fraction as a percentage: 0.01234 -> "1.23%". */
export function formatPercent(
  fraction: number | NumberInput,
  decimals = 2,
  opts: ShownOptions = {},
): string {
  return `${formatDecimal(D(fraction).times(100), decimals, decimals, opts)}%`;
}

/** A fraction in basis points: 0.00123 -> "12.3 bps". */
export function formatBasisPoints(fraction: NumberInput, decimals = 1): string {
  return `${formatDecimal(D(fraction).times(10_000), decimals, decimals)} bps`;
}

/** A count: "1,234". */
export function formatCount(n: number | bigint): string {
  return formatDecimal(typeof n === 'bigint' ? n.toString() : Math.round(n), 0, 0);
}

/** A duration in words: "1 day 6 hours", "5 minutes", "250 ms". */
export function formatDuration(ms: number): string {
  return describeDuration(ms);
}

type TimeInput = Date | number | string;
const toDate = (t: TimeInput) => (t instanceof Date ? t : new Date(t));

/** Options of the time formatters: `tz` is the display zone (UTC when absent). */
export interface TimeOptions {
  /** false: no zone suffix, in a column whose heading names the zone (zoneHeading). */
  zone?: boolean;
  /** An IANA zone or 'UTC' (lib/core/time/zone.ts canonicalTimeZone). */
  tz?: string;
}

/** The zone's wall clock of an instant, as a Date whose UTC fields are the local ones. */
const wall = (d: Date, tz: string | undefined) =>
  tz === undefined || tz === UTC ? d : new Date(wallTime(tz, d.getTime()));
const clock = (w: Date) => w.toISOString().slice(11, 19);

/** " UTC" or, in another zone, the offset in force at that instant: " UTC-05:00". */
function suffix(d: Date, tz: string | undefined): string {
  if (tz === undefined || tz === UTC) return ' UTC';
  return ` UTC${formatOffset(offsetMinutes(tz, d.getTime()))}`;
}

/** What a table heading says times are in: "UTC" or "America/New_York". */
export function zoneHeading(tz: string | undefined): string {
  return tz === undefined ? UTC : tz;
}

/**
 * "2024-05-01 13:00:07 UTC": to the second, never ".000Z". With `tz` the zone's local time and
 * its offset at that instant: "2026-03-07 19:00:00 UTC-05:00". `{ zone: false }` leaves out the
 * suffix in a table column whose heading names the zone.
 */
export function formatTime(t: TimeInput, opts: TimeOptions = {}): string {
  const d = toDate(t);
  const w = wall(d, opts.tz);
  return `${formatUtcDate(w)} ${clock(w)}${opts.zone === false ? '' : suffix(d, opts.tz)}`;
}

/** "2024-05-01": the date in UTC, or in `tz`. */
export function formatDate(t: TimeInput, opts: { tz?: string } = {}): string {
  return formatUtcDate(wall(toDate(t), opts.tz));
}

/**
 * "2024-05-01 02:00:00 – 02:59:59 UTC"; both dates when they differ; `tz` as formatTime, each end
 * with its own offset when a clock change falls between them.
 */
export function formatTimeRange(
  from: TimeInput,
  to: TimeInput,
  opts: { tz?: string } = {},
): string {
  const [da, db] = [toDate(from), toDate(to)];
  const [a, b] = [wall(da, opts.tz), wall(db, opts.tz)];
  const [za, zb] = [suffix(da, opts.tz), suffix(db, opts.tz)];
  const first = `${formatUtcDate(a)} ${clock(a)}${za === zb ? '' : za}`;
  if (formatUtcDate(a) === formatUtcDate(b)) return `${first} – ${clock(b)}${zb}`;
  return `${first} – ${formatUtcDate(b)} ${clock(b)}${zb}`;
}

/**
 * Short labels for axis ticks and bar labels: "52.7k", "1.23M", "2.5B", "-0.0312". The
 * precision is for telling ticks apart, not for reading amounts (tooltips show those).
 */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  // up to 3 decimals of the unit: a round tick ("52,620") reads exactly ("52.62k")
  if (abs >= 1e9) return formatDecimal(value / 1e9, 0, 3) + 'B';
  if (abs >= 1e6) return formatDecimal(value / 1e6, 0, 3) + 'M';
  if (abs >= 1e4) return formatDecimal(value / 1e3, 0, 3) + 'k';
  if (abs >= 100) return formatDecimal(value, 0, 2);
  if (abs === 0) return '0';
  return formatDecimal(value, 0, Math.min(8, Math.max(4, -Math.floor(Math.log10(abs)) + 2)));
}

/**
 * Tick labels for an axis over [lo, hi]: the unit (k, M, B) of the larger end and enough
 * decimals to tell apart ticks a fifth of the span apart, all with the same decimals, so a
 * zoomed axis does not read "52.7k" five times. `prefix`: "$" for a USD axis.
 */
export function axisTickFormatter(lo: number, hi: number, prefix = ''): (v: number) => string {
  const top = Math.max(Math.abs(lo), Math.abs(hi));
  const [unit, suffix] =
    top >= 1e9 ? [1e9, 'B'] : top >= 1e6 ? [1e6, 'M'] : top >= 1e4 ? [1e3, 'k'] : [1, ''];
  const step = (hi - lo) / 5 / unit;
  const decimals = step > 0 ? Math.min(8, Math.max(0, Math.ceil(-Math.log10(step)) + 1)) : 2;
  return (v) => {
    const shown = formatDecimal(Math.abs(v) / unit, decimals, decimals);
    return `${v < 0 && /[1-9]/.test(shown) ? '-' : ''}${prefix}${shown}${suffix}`;
  };
}

/**
 * "$104.71k" for USD, "EUR 104.71k" otherwise; the minus before the symbol. Below 100 the
 * currency's usual decimals at most ("$5.83", not "$5.8284").
 */
export function formatCompactMoney(value: number, currency: string): string {
  const abs = Math.abs(value);
  const usual = displayDecimals(currency);
  const shown = abs < 100 ? formatDecimal(abs, 0, usual) : formatCompact(abs);
  const minus = value < 0 && shown !== '0' ? '-' : '';
  return currency.toUpperCase() === 'USD' ? `${minus}$${shown}` : `${minus}${currency} ${shown}`;
}

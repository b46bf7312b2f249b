import Decimal from 'decimal.js';

const CRYPTO = new Set(['BTC', 'ETH', 'BCH', 'ZEC', 'LTC']);

/** Display only: crypto to 8 decimals, fiat to 2, with thousands separators, e.g. "USD 1,234.50". */
export function formatAmount(amount: string, currency: string): string {
  const dp = CRYPTO.has(currency.toUpperCase()) ? 8 : 2;
  const fixed = new Decimal(amount).toFixed(dp);
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${currency} ${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

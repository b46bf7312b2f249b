/**
 * The export's columns before the balance_<CUR> ones (lib/ledger/export.ts); the statement
 * presets recognise our own export by them.
 */
export const CSV_FIXED_COLUMNS = [
  'time_utc',
  'time_excel',
  'type',
  'description',
  'currency',
  'credit',
  'debit',
  'trade_id',
  'transaction_id',
  'external_id',
  'row_key',
] as const;

/**
 * A free-text cell of a CSV export, made safe to open in a spreadsheet: text starting with
 * =, +, -, @, a tab or a carriage return would be read as a formula (OWASP's "CSV injection"),
 * so it gets a leading apostrophe, which spreadsheets hide. Only for text columns: amounts,
 * balances and ids are written as they are, so "-1.5" stays a number.
 */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * An exact decimal string written with at least `decimals` places ("12.5" -> "12.50" for USD,
 * "0.3" -> "0.30000000" for BTC): the currency's precision, padded, never rounded, so that a
 * running balance column always equals the opening plus the sum of the amounts above it.
 */
export function csvAmount(text: string, decimals: number): string {
  if (text === '' || decimals <= 0) return text;
  const dot = text.indexOf('.');
  const places = dot < 0 ? 0 : text.length - dot - 1;
  if (places >= decimals) return text;
  return `${text}${dot < 0 ? '.' : ''}${'0'.repeat(decimals - places)}`;
}

/** "2024-03-02 10:00:01" (UTC): a date-time Excel and LibreOffice read as one, unlike ISO's "T…Z". */
export function excelTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

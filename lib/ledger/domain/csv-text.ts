/**
 * A free-text cell of a CSV export, made safe to open in a spreadsheet: text starting with
 * =, +, -, @, a tab or a carriage return would be read as a formula (OWASP's "CSV injection"),
 * so it gets a leading apostrophe, which spreadsheets hide. Only for text columns: amounts,
 * balances and ids are written as they are, so "-1.5" stays a number.
 */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

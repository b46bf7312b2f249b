/**
 * Gryphon stores multi-currency balances as JSON objects of Money reprs:
 * {"USD": "USD 9141.5700", "BTC": "BTC 9.15171488"}. Amounts stay decimal strings.
 */
export function parseMoneyDict(json: string | null | undefined): {
  amounts: Record<string, string>;
  malformed: boolean;
} {
  if (json === null || json === undefined || json.trim() === '')
    return { amounts: {}, malformed: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { amounts: {}, malformed: true };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { amounts: {}, malformed: true };
  const amounts: Record<string, string> = {};
  let malformed = false;
  for (const [currency, value] of Object.entries(parsed as Record<string, unknown>)) {
    const text =
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    // "USD 9141.57" (Money repr) or a bare number.
    const m = /^(?:([A-Za-z]{2,6})\s+)?(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)$/.exec(text);
    if (!m) {
      malformed = true;
      continue;
    }
    amounts[(m[1] ?? currency).toUpperCase()] = m[2];
  }
  return { amounts, malformed };
}

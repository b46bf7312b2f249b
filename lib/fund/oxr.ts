import 'server-only';
import type { Fixed } from '../core/money/fixed';
import { parseFixed, FIXED_ONE } from '../core/money/fixed';
import { rateOf } from './domain/math';

/**
 * Open Exchange Rates, as Gryphon used it (reference §6.6): the historical endpoint
 * `<base>/historical/YYYY-MM-DD.json?app_id=…&show_alternative=true` answers rates as units
 * per USD ({"base": "USD", "rates": {"EUR": 0.92, "BTC": 0.0000166, …}}); we keep USD per
 * unit, 1 / rate rounded to 12 places. The base URL is a parameter so tests can point it at
 * a local fake server.
 */
export const OXR_BASE_URL = 'https://openexchangerates.org/api';

export interface OxrOptions {
  appId: string;
  baseUrl?: string;
  /** Milliseconds per request. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export class OxrError extends Error {}

export async function fetchOxrDay(day: string, opts: OxrOptions): Promise<Map<string, Fixed>> {
  const url = `${opts.baseUrl ?? OXR_BASE_URL}/historical/${day}.json?app_id=${encodeURIComponent(opts.appId)}&show_alternative=true`;
  let response: Response;
  try {
    response = await (opts.fetchImpl ?? fetch)(url, {
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new OxrError(
      `Open Exchange Rates could not be reached for ${day}: ${(err as Error).message}`,
    );
  }
  // The body is read as text so that rates keep every digit sent (no float round trip).
  const text = await response.text();
  if (!response.ok) {
    const description = /"description"\s*:\s*"([^"]*)"/.exec(text)?.[1];
    throw new OxrError(
      `Open Exchange Rates answered ${response.status} for ${day}${description ? `: ${description}` : ''}`,
    );
  }
  return parseOxrRates(text, day);
}

/** usd-per-unit rates from an OXR body; numbers are taken from the text, not from doubles. */
export function parseOxrRates(body: string, day: string): Map<string, Fixed> {
  const block = /"rates"\s*:\s*\{([^}]*)\}/.exec(body);
  if (!block) throw new OxrError(`Open Exchange Rates sent no rates for ${day}`);
  const out = new Map<string, Fixed>();
  for (const m of block[1].matchAll(/"([A-Za-z0-9]{2,10})"\s*:\s*(-?[0-9.]+(?:[eE][-+]?\d+)?)/g)) {
    const units = toPlainDecimal(m[2]);
    if (units === null) continue;
    const perUnit = units > 0n ? rateOf(FIXED_ONE, units) : null;
    if (perUnit !== null && perUnit > 0n) out.set(m[1].toUpperCase(), perUnit);
  }
  return out;
}

function toPlainDecimal(text: string): Fixed | null {
  if (/[eE]/.test(text)) {
    const [mantissa, exponent] = text.toLowerCase().split('e');
    const digits = parseFixed(mantissa);
    const e = Number(exponent);
    return e >= 0 ? digits * 10n ** BigInt(e) : digits / 10n ** BigInt(-e);
  }
  try {
    return parseFixed(text);
  } catch {
    return null;
  }
}

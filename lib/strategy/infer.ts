import type { StrategyConfig } from '../config/types';
import type { RawStrategyFillRow } from '../fills/strategy-fills';

/** Radius in px that the window's median fill gets when the radius is inferred. */
const MEDIAN_RADIUS_PX = 7;

function mostCommon(values: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts)
    if (n > bestCount || (n === bestCount && best !== null && v < best)) [best, bestCount] = [v, n];
  return best;
}

/**
 * Fills in what a strategy's configuration left out (its `inferred` keys) from the window's
 * fills: the volume currency most fills are in (else `fallbackVolumeCurrency`, from the
 * checkpoints), the price currency when all those fills share one (else USD, which every
 * fill converts to through order.exchange_rate), and a point radius giving the median fill
 * a 7 px half-disc. Pure.
 */
export function inferStrategy(
  config: StrategyConfig,
  rows: readonly RawStrategyFillRow[],
  fallbackVolumeCurrency: string | null,
): StrategyConfig {
  if (config.inferred.length === 0) return config;
  const out: StrategyConfig = { ...config };
  if (config.inferred.includes('volumeCurrency')) {
    out.volumeCurrency =
      mostCommon(rows.map((r) => r.volumeCurrency.toUpperCase())) ??
      fallbackVolumeCurrency ??
      config.volumeCurrency;
  }
  const own = rows.filter(
    (r) => r.volumeCurrency.toUpperCase() === out.volumeCurrency.toUpperCase(),
  );
  if (config.inferred.includes('priceCurrency') && own.length > 0) {
    const currencies = new Set(own.map((r) => r.priceCurrency.toUpperCase()));
    out.priceCurrency = currencies.size === 1 ? [...currencies][0] : 'USD';
  }
  if (config.inferred.includes('basePointRadius') && own.length > 0) {
    const volumes = own
      .map((r) => Number(r.volume))
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    const median = volumes[Math.floor(volumes.length / 2)];
    if (median > 0)
      out.basePointRadius = Number((MEDIAN_RADIUS_PX / Math.sqrt(median)).toPrecision(2));
  }
  return out;
}

/**
 * inferStrategy for a window read from the rollup (sums, not fills): the same volume and price
 * currency rules by fill count; the radius from the mean fill volume (the median needs fills).
 */
export function inferStrategyFromSums(
  config: StrategyConfig,
  sums: ReadonlyArray<{
    volumeCurrency: string;
    priceCurrency: string;
    count: number;
    volume: number;
  }>,
  fallbackVolumeCurrency: string | null,
): StrategyConfig {
  if (config.inferred.length === 0) return config;
  const out: StrategyConfig = { ...config };
  const countBy = new Map<string, number>();
  for (const s of sums)
    countBy.set(s.volumeCurrency, (countBy.get(s.volumeCurrency) ?? 0) + s.count);
  if (config.inferred.includes('volumeCurrency')) {
    const best = [...countBy].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    out.volumeCurrency = best?.[0] ?? fallbackVolumeCurrency ?? config.volumeCurrency;
  }
  const own = sums.filter(
    (s) => s.volumeCurrency === out.volumeCurrency.toUpperCase() && s.count > 0,
  );
  if (config.inferred.includes('priceCurrency') && own.length > 0) {
    const currencies = new Set(own.map((s) => s.priceCurrency));
    out.priceCurrency = currencies.size === 1 ? [...currencies][0] : 'USD';
  }
  const fills = own.reduce((n, s) => n + s.count, 0);
  const mean = own.reduce((v, s) => v + s.volume, 0) / (fills || 1);
  if (config.inferred.includes('basePointRadius') && mean > 0) {
    out.basePointRadius = Number((MEDIAN_RADIUS_PX / Math.sqrt(mean)).toPrecision(2));
  }
  return out;
}

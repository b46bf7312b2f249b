/** Weighted quantile (q in [0, 1]) of values with positive weights: the smallest value whose
 * cumulative weight reaches q × Σ weights. Null for no weight. */
export function weightedQuantile(
  items: ReadonlyArray<{ value: number; weight: number }>,
  q: number,
): number | null {
  const sorted = items.filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, i) => s + i.weight, 0);
  if (total <= 0) return null;
  const target = q * total;
  let acc = 0;
  for (const i of sorted) {
    acc += i.weight;
    if (acc >= target - total * 1e-12) return i.value;
  }
  return sorted[sorted.length - 1].value;
}

/** Plain quantile of values (each weight 1). */
export function quantile(values: readonly number[], q: number): number | null {
  return weightedQuantile(
    values.map((value) => ({ value, weight: 1 })),
    q,
  );
}

/**
 * Weighted quantiles of values given as value → Σ weight (weights summed per distinct value):
 * the same answers as weightedQuantile on the items, with one sort of the distinct values for
 * every q. Exact when the weights are integers (durations in ms), as every sum then is.
 */
export function weightedQuantilesOfSums(
  sums: ReadonlyMap<number, number>,
  qs: readonly number[],
): Array<number | null> {
  const values = Float64Array.from([...sums.keys()].filter((v) => sums.get(v)! > 0)).sort();
  let total = 0;
  for (const v of values) total += sums.get(v)!;
  return qs.map((q) => {
    if (total <= 0) return null;
    const target = q * total;
    let acc = 0;
    for (const v of values) {
      acc += sums.get(v)!;
      if (acc >= target - total * 1e-12) return v;
    }
    return values[values.length - 1];
  });
}

/** Plain quantiles (each weight 1) of values, one sort for every q: as quantile's answers. */
export function quantiles(values: readonly number[], qs: readonly number[]): Array<number | null> {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return qs.map((q) => {
    if (n === 0) return null;
    // quantile: the first i whose running count i + 1 reaches q·n − n·1e-12.
    const i = Math.ceil(q * n - n * 1e-12) - 1;
    return sorted[Math.min(n - 1, Math.max(0, i))];
  });
}

/**
 * The spread quantiles the page shows (median and p90); the rollup of quoting returns, per
 * slice, only the stored rows around them (storedSpreadBand).
 */
export const SPREAD_QUANTILES = [0.5, 0.9] as const;

/**
 * A stored distribution of weights per value, of which only a band is known: `total` = Σ
 * weights stored, and `rows` = [value, weight, Σ weights of the values before it], in value
 * order, holding at least every row of the band storedSpreadBand keeps for the quantiles asked
 * (the rollup of quoting computes these in SQL: lib/quality/rollup-quoting.ts).
 */
export interface StoredBand {
  total: number;
  rows: ReadonlyArray<readonly [number, number, number]>;
}

/**
 * The rows of a stored distribution (value order, [value, weight, weight before]) that
 * weightedQuantilesMerged may need for quantile q when at most `slack` weight is added live:
 * those whose cumulative weight reaches q·total − slack − 2 and whose weight before is at most
 * q·(total + slack) + 2. The SQL of the rollup keeps the same rows; this is its statement, for
 * tests.
 */
export function storedSpreadBand(
  rows: ReadonlyArray<readonly [number, number, number]>,
  total: number,
  slack: number,
  qs: readonly number[],
): Array<readonly [number, number, number]> {
  return rows.filter(([, w, before]) =>
    qs.some((q) => before + w >= q * total - slack - 2 && before <= q * (total + slack) + 2),
  );
}

/**
 * weightedQuantilesOfSums over the union of `live` (value → Σ weight, every value known) and a
 * stored distribution known by its band (`stored`): the same answers as weightedQuantilesOfSums
 * on the merged sums, provided the live weight is at most the slack the band was cut with.
 * Weights are integers (ms), so every sum is exact. For each q, with T the threshold
 * weightedQuantilesOfSums uses: the answer v is the smallest value with F(v) = stored(≤ v) +
 * live(≤ v) ≥ T. Any value below the first stored row r with stored(≤ r) + live total ≥ T has
 * F < T; the stored rows from r up to the first whose weight before reaches T form a run the
 * band holds (all rows between two of them satisfy the band's bounds); walking the run and the
 * live values from r on, starting from the exact weight below r, reaches T at v.
 */
export function weightedQuantilesMerged(
  live: ReadonlyMap<number, number>,
  stored: StoredBand | null,
  qs: readonly number[],
): Array<number | null> {
  if (!stored || stored.total <= 0) return weightedQuantilesOfSums(live, qs);
  let liveTotal = 0;
  for (const w of live.values()) if (w > 0) liveTotal += w;
  const total = stored.total + liveTotal;
  const liveValues = Float64Array.from([...live.keys()].filter((v) => live.get(v)! > 0)).sort();
  return qs.map((q) => {
    const threshold = q * total - total * 1e-12;
    const run = stored.rows.filter(
      ([, w, before]) => before + w + liveTotal >= threshold && before < threshold,
    );
    if (run.length === 0) throw new Error('stored band misses a quantile');
    const first = run[0][0];
    let acc = run[0][2];
    const sums = new Map<number, number>();
    for (const [v, w] of run) sums.set(v, (sums.get(v) ?? 0) + w);
    for (const v of liveValues)
      if (v < first) acc += live.get(v)!;
      else sums.set(v, (sums.get(v) ?? 0) + live.get(v)!);
    const values = Float64Array.from(sums.keys()).sort();
    for (const v of values) {
      acc += sums.get(v)!;
      if (acc >= threshold) return v;
    }
    return values[values.length - 1];
  });
}

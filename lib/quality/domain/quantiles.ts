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

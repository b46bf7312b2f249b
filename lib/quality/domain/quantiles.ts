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

import { type Fixed, fixedMul, fixedToNumber } from '../../core/money/fixed';
import type { FillSide } from '../../fills/rules';
import { roundQuality } from './fixed-round';
import { REFERENCE_SOURCES, type Reference, type ReferenceSource } from './reference-price';

/**
 * Markouts (docs/quality.md#markouts): for a fill at t, unit price p, volume v and a reference
 * R, at horizon h: a bid's markout per unit is R(t + h) − p, an ask's p − R(t + h); positive is
 * good for us. Money: markout per unit × v, rounded to 18 places once per fill (so the rollup
 * and a replay add the same numbers). Basis points: per unit / p × 10,000 (statistics only).
 */
export const HORIZONS = [
  { key: '0s', label: '0 s', ms: 0 },
  { key: '1s', label: '1 s', ms: 1_000 },
  { key: '10s', label: '10 s', ms: 10_000 },
  { key: '1m', label: '1 min', ms: 60_000 },
  { key: '5m', label: '5 min', ms: 300_000 },
  { key: '1h', label: '1 h', ms: 3_600_000 },
] as const;
export const LONGEST_HORIZON_MS = 3_600_000;

export interface MarkoutFill {
  time: number;
  side: FillSide;
  volume: Fixed;
  unitPrice: Fixed;
}

export function markoutPerUnit(side: FillSide, unitPrice: Fixed, reference: Fixed): Fixed {
  return side === 'BID' ? reference - unitPrice : unitPrice - reference;
}

/** Markout money of one fill: per unit × volume, rounded once to 18 places. */
export function markoutMoney(fill: MarkoutFill, reference: Fixed): Fixed {
  return roundQuality(fixedMul(markoutPerUnit(fill.side, fill.unitPrice, reference), fill.volume));
}

/**
 * Sums over a set of fills at one horizon and side: exact money (bigint) for what is shown as
 * money, floats for the statistics (means of basis points, variances). `spreadMoney` is the
 * h = 0 markout money of the same fills, so that "lost to adverse selection" (spread at 0 minus
 * markout at h) compares one set of fills.
 */
export interface MarkoutSums {
  fills: number;
  volume: Fixed;
  money: Fixed;
  spreadMoney: Fixed;
  /** Σ m, Σ m² (per unit, float), Σ w m², Σ w, Σ w² (w = volume), and the same for bps. */
  m: number;
  m2: number;
  wm2: number;
  w: number;
  w2: number;
  bps: number;
  bps2: number;
  wbps: number;
  wbps2: number;
  sources: Record<ReferenceSource, number>;
}

export function emptySums(): MarkoutSums {
  return {
    fills: 0,
    volume: 0n,
    money: 0n,
    spreadMoney: 0n,
    m: 0,
    m2: 0,
    wm2: 0,
    w: 0,
    w2: 0,
    bps: 0,
    bps2: 0,
    wbps: 0,
    wbps2: 0,
    sources: { fundamental: 0, 'quote-mid': 0, 'last-fill': 0 },
  };
}

/** Adds one fill's markout at a horizon; `spread` is its h = 0 reference. */
export function addMarkout(
  s: MarkoutSums,
  fill: MarkoutFill,
  ref: Reference,
  spread: Reference,
): void {
  const perUnit = markoutPerUnit(fill.side, fill.unitPrice, ref.price);
  const m = fixedToNumber(perUnit);
  const w = fixedToNumber(fill.volume);
  const p = fixedToNumber(fill.unitPrice);
  const b = p > 0 ? (m / p) * 10_000 : 0;
  s.fills += 1;
  s.volume += fill.volume;
  s.money += markoutMoney(fill, ref.price);
  s.spreadMoney += markoutMoney(fill, spread.price);
  s.m += m;
  s.m2 += m * m;
  s.wm2 += w * m * m;
  s.w += w;
  s.w2 += w * w;
  s.bps += b;
  s.bps2 += b * b;
  s.wbps += w * b;
  s.wbps2 += w * b * b;
  s.sources[ref.source] += 1;
}

export function mergeSums(into: MarkoutSums, add: MarkoutSums): void {
  into.fills += add.fills;
  into.volume += add.volume;
  into.money += add.money;
  into.spreadMoney += add.spreadMoney;
  for (const k of ['m', 'm2', 'wm2', 'w', 'w2', 'bps', 'bps2', 'wbps', 'wbps2'] as const)
    into[k] += add[k];
  for (const src of REFERENCE_SOURCES) into.sources[src] += add.sources[src];
}

/**
 * The sums of a set of fills, by horizon index and side. A fill adds to a horizon only when
 * t + h is at or before `knownUntil` (the horizon has happened and is final) and the pair has a
 * reference at t and at t + h; the others are counted as `pending` or `unpriced`.
 */
export interface MarkoutTable {
  bySide: Record<FillSide, MarkoutSums[]>;
  pending: number[];
  unpriced: number[];
}

export function emptyTable(): MarkoutTable {
  return {
    bySide: { BID: HORIZONS.map(emptySums), ASK: HORIZONS.map(emptySums) },
    pending: HORIZONS.map(() => 0),
    unpriced: HORIZONS.map(() => 0),
  };
}

export function addFillToTable(
  table: MarkoutTable,
  fill: MarkoutFill,
  referenceAt: (t: number) => Reference | null,
  knownUntil: number,
): void {
  const spread = referenceAt(fill.time);
  HORIZONS.forEach((h, i) => {
    const t = fill.time + h.ms;
    if (t > knownUntil) {
      table.pending[i] += 1;
      return;
    }
    const ref = i === 0 ? spread : referenceAt(t);
    if (ref === null || spread === null) {
      table.unpriced[i] += 1;
      return;
    }
    addMarkout(table.bySide[fill.side][i], fill, ref, spread);
  });
}

import type { Fixed } from '../../core/money/fixed';
import type { FillSide, StrategyFill } from '../../fills/strategy-fills';

/**
 * Accumulators for merged half-discs (half-discs.ts): exact totals as Fixed, plus the
 * numbers needed to place the disc. A cell is keyed by (time bucket, price band, side).
 */
export interface Cell {
  side: FillSide;
  timeIndex: number;
  bandIndex: number;
  count: number;
  volume: Fixed;
  price: Fixed;
  fee: Fixed;
  /** Σ volume and Σ (t − start) × volume as numbers, for the drawn position only. */
  volumeNumber: number;
  weightedOffset: number;
  firstMs: number;
  lastMs: number;
  first: StrategyFill;
  exchanges: string[];
}

export function newCell(
  fill: StrategyFill,
  volumeNumber: number,
  timeIndex: number,
  bandIndex: number,
  startMs: number,
): Cell {
  return {
    side: fill.side,
    timeIndex,
    bandIndex,
    count: 1,
    volume: fill.volume,
    price: fill.price,
    fee: fill.fee,
    volumeNumber,
    weightedOffset: (fill.timeMs - startMs) * volumeNumber,
    firstMs: fill.timeMs,
    lastMs: fill.timeMs,
    first: fill,
    exchanges: [fill.exchangeName],
  };
}

export function cellKey(
  timeIndex: number,
  bandIndex: number,
  bands: number,
  side: FillSide,
): number {
  return (timeIndex * bands + bandIndex) * 2 + (side === 'BID' ? 0 : 1);
}

/** The first pass: one fill into its cell, without allocating a cell for it. */
export function addFill(
  cell: Cell,
  fill: StrategyFill,
  volumeNumber: number,
  startMs: number,
): void {
  cell.count++;
  cell.volume += fill.volume;
  cell.price += fill.price;
  cell.fee += fill.fee;
  cell.volumeNumber += volumeNumber;
  cell.weightedOffset += (fill.timeMs - startMs) * volumeNumber;
  if (fill.timeMs < cell.firstMs) {
    cell.firstMs = fill.timeMs;
    cell.first = fill;
  }
  if (fill.timeMs > cell.lastMs) cell.lastMs = fill.timeMs;
  if (!cell.exchanges.includes(fill.exchangeName)) cell.exchanges.push(fill.exchangeName);
}

/** Coarser passes: a whole cell into its parent. */
export function addToCells(cells: Map<number, Cell>, bands: number, cell: Cell): void {
  const key = cellKey(cell.timeIndex, cell.bandIndex, bands, cell.side);
  const into = cells.get(key);
  if (into === undefined) {
    cells.set(key, cell);
    return;
  }
  into.count += cell.count;
  into.volume += cell.volume;
  into.price += cell.price;
  into.fee += cell.fee;
  into.volumeNumber += cell.volumeNumber;
  into.weightedOffset += cell.weightedOffset;
  if (cell.firstMs < into.firstMs) {
    into.firstMs = cell.firstMs;
    into.first = cell.first;
  }
  if (cell.lastMs > into.lastMs) into.lastMs = cell.lastMs;
  for (const name of cell.exchanges) if (!into.exchanges.includes(name)) into.exchanges.push(name);
}

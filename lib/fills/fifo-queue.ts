import { type Fixed, fixedMulDiv, fixedToNumber } from '../core/money/fixed';
import type { StrategyFill } from './strategy-fills';

/**
 * One side's fills, oldest first, consumed from the head in O(1) per step: an index plus the
 * head's exact unmatched volume (Array.shift would make a million fills quadratic).
 *
 * Matching moves volume only. Money is settled by the caller from totals: what a fill
 * contributes to round trips is its whole price and fees minus what is still open, and only
 * the head can be partly open, so one exact scaling per queue replaces one per round trip
 * (measured: per-match bigint scaling was the largest cost over a million fills). The head's
 * price and fee per unit are kept as numbers for the drawn revenue series only.
 */
export class SideQueue {
  private index = 0;
  /** Exact unmatched volume of the head. */
  remaining: Fixed = 0n;
  /** Drawing values of the head: unmatched volume, price and fee per unit of volume. */
  remainingNumber = 0;
  pricePerUnit = 0;
  feePerUnit = 0;

  constructor(private readonly fills: readonly StrategyFill[]) {
    this.load();
  }

  get isEmpty(): boolean {
    return this.index >= this.fills.length;
  }

  get head(): StrategyFill {
    return this.fills[this.index];
  }

  /** Matches `part` (at most `remaining`) of the head; moves on when it is used up. */
  take(part: Fixed, partNumber: number): void {
    this.remaining -= part;
    this.remainingNumber -= partNumber;
    if (this.remaining === 0n) {
      this.index++;
      this.load();
    }
  }

  /** The open lots: the head's unmatched part (price and fees scaled exactly), then the untouched fills. */
  *openLots(): Generator<StrategyFill> {
    if (this.isEmpty) return;
    const head = this.head;
    yield this.remaining === head.volume ? head : partOf(head, this.remaining);
    for (let i = this.index + 1; i < this.fills.length; i++) yield this.fills[i];
  }

  private load(): void {
    const head = this.fills[this.index];
    if (head === undefined) return;
    this.remaining = head.volume;
    this.remainingNumber = fixedToNumber(head.volume);
    const volume = this.remainingNumber;
    this.pricePerUnit = volume > 0 ? fixedToNumber(head.price) / volume : 0;
    this.feePerUnit = volume > 0 ? fixedToNumber(head.fee) / volume : 0;
  }
}

/** `volume` of a fill, its price and fees scaled by volume / fill.volume. */
export function partOf(fill: StrategyFill, volume: Fixed): StrategyFill {
  if (volume === fill.volume) return fill;
  const scale = (x: Fixed) => (x === 0n ? 0n : fixedMulDiv(x, volume, fill.volume));
  return {
    ...fill,
    volume,
    price: scale(fill.price),
    fee: scale(fill.fee),
    feeInVolumeCurrency: scale(fill.feeInVolumeCurrency),
  };
}

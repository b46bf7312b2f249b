import type { Fixed } from '../../core/money/fixed';
import { partOf } from '../../fills/fifo-queue';
import type { StrategyFill } from '../../fills/strategy-fills';

/**
 * One strategy's FIFO state over its whole history, in one currency (its fills' price
 * currency, or USD): what the rollup stores at the end of every bucket so that a window's
 * position and realized P&L at every drawn point need none of its fills.
 *
 * Only the open lots are kept (oldest first, all on the position's side; the head maybe
 * partly matched), plus running totals. Realized figures follow from them, exactly as
 * lib/strategy's FIFO settles money "from totals" (fifo.ts):
 *   revenue realized up to t = Σ ask prices − Σ bid prices − open lots' cash
 *   fees of matched legs     = Σ fees − open lots' fees
 *   matched volume           = (Σ volume − open volume) / 2
 * where a lot's cash is +price for an ask, −price for a bid, and a partly matched head counts
 * as partOf(fill, remaining): the same exact scaling of the original fill as opening lots use,
 * so a window computed from these states equals the FIFO over its fills to the last digit.
 */
export interface FifoTotals {
  position: Fixed;
  /** Σ (ask price − bid price) of every fill so far. */
  cash: Fixed;
  fee: Fixed;
  volumeCurrencyFee: Fixed;
  volume: Fixed;
  fills: number;
}

export interface OpenTotals {
  cash: Fixed;
  fee: Fixed;
  volumeCurrencyFee: Fixed;
  volume: Fixed;
}

export class FifoState {
  /** Oldest first; lots[head] is partly matched when headRemaining < its volume. */
  private lots: StrategyFill[] = [];
  private head = 0;
  headRemaining: Fixed = 0n;
  /** Σ over the lots after the head, kept as lots come and go. */
  private rest: OpenTotals = { cash: 0n, fee: 0n, volumeCurrencyFee: 0n, volume: 0n };
  totals: FifoTotals = {
    position: 0n,
    cash: 0n,
    fee: 0n,
    volumeCurrencyFee: 0n,
    volume: 0n,
    fills: 0,
  };

  /** Restores a saved state (save()). */
  static restore(saved: {
    lots: StrategyFill[];
    headRemaining: Fixed;
    totals: FifoTotals;
  }): FifoState {
    const s = new FifoState();
    s.totals = { ...saved.totals };
    s.lots = [...saved.lots];
    s.headRemaining = saved.headRemaining;
    for (let i = 1; i < s.lots.length; i++) addTo(s.rest, s.lots[i], 1n);
    return s;
  }

  save(): { lots: StrategyFill[]; headRemaining: Fixed; totals: FifoTotals } {
    return {
      lots: this.lots.slice(this.head),
      headRemaining: this.headRemaining,
      totals: { ...this.totals },
    };
  }

  private get empty(): boolean {
    return this.head >= this.lots.length;
  }

  apply(fill: StrategyFill): void {
    const t = this.totals;
    const bid = fill.side === 'BID';
    t.position += bid ? fill.volume : -fill.volume;
    t.cash += bid ? -fill.price : fill.price;
    t.fee += fill.fee;
    t.volumeCurrencyFee += fill.feeInVolumeCurrency;
    t.volume += fill.volume;
    t.fills += 1;
    if (this.empty || this.lots[this.head].side === fill.side) {
      this.push(fill, fill.volume);
      return;
    }
    let remaining = fill.volume;
    while (remaining > 0n && !this.empty) {
      const take = remaining < this.headRemaining ? remaining : this.headRemaining;
      this.headRemaining -= take;
      remaining -= take;
      if (this.headRemaining === 0n) this.advance();
    }
    if (remaining > 0n) this.push(fill, remaining);
  }

  /** The open lots' totals now: the head's unmatched part, then the rest. */
  open(): OpenTotals {
    const out = { ...this.rest };
    if (!this.empty) addTo(out, partOf(this.lots[this.head], this.headRemaining), 1n);
    return out;
  }

  private push(fill: StrategyFill, remaining: Fixed): void {
    if (this.empty) {
      // Compact now and then: matched lots before the head are never read again.
      if (this.head > 1024) {
        this.lots = [];
        this.head = 0;
      }
      this.lots.push(fill);
      this.head = this.lots.length - 1;
      this.headRemaining = remaining;
      return;
    }
    this.lots.push(fill);
    addTo(this.rest, fill, 1n);
  }

  private advance(): void {
    this.head++;
    if (this.empty) {
      this.headRemaining = 0n;
      return;
    }
    const next = this.lots[this.head];
    addTo(this.rest, next, -1n);
    this.headRemaining = next.volume;
    if (this.head > 4096 && this.head * 2 > this.lots.length) {
      this.lots = this.lots.slice(this.head);
      this.head = 0;
    }
  }
}

function addTo(t: OpenTotals, lot: StrategyFill, sign: 1n | -1n): void {
  t.cash += sign * (lot.side === 'BID' ? -lot.price : lot.price);
  t.fee += sign * lot.fee;
  t.volumeCurrencyFee += sign * lot.feeInVolumeCurrency;
  t.volume += sign * lot.volume;
}

import type { PairAccount } from './accounts';
import type { SeedContext } from './context';
import { unitsOf, VOLUME_SCALE } from './fixed';
import type { OpenOrder, OrderDesk, Side } from './orders';

const LOT = unitsOf(0.01, VOLUME_SCALE);
const MIN_FILL = unitsOf(0.01, VOLUME_SCALE);
/** Manual orders a day, on average. */
const ORDERS_PER_DAY = 8;

/**
 * Manual trades entered with `gryphon-exec manual` (actor `Multi`): round sizes, marketable
 * limit prices, mostly filled at once in a few pieces; some cancelled before or after a first
 * fill, and the last ones of the history left OPEN.
 */
export class ManualTrader {
  private readonly open: OpenOrder[] = [];
  private farOrderPlaced = false;

  constructor(
    private readonly ctx: SeedContext,
    private readonly desk: OrderDesk,
    readonly actor: string,
    private readonly accounts: readonly PairAccount[],
  ) {}

  /** Minute `t` with `budget` fills available; returns the fills made. */
  onMinute(t: number, budget: number): number {
    const { rng, end } = this.ctx;
    // One order that will never fill, well below the market, placed a few hours before the end.
    if (!this.farOrderPlaced && t >= end - 3 * 3600) {
      this.farOrderPlaced = true;
      const account = this.accounts[0];
      const cents = Math.round(this.ctx.market.midCents(account) * 0.93);
      this.open.push(
        this.desk.open(this.actor, account, 'BID', cents, unitsOf(1.5, VOLUME_SCALE), t + 7),
      );
    }
    if (!rng.chance(ORDERS_PER_DAY / 1440)) return 0;

    const account = rng.chance(0.65) ? this.accounts[0] : this.accounts[1];
    // The trader leans against the book's net position: mostly flat over weeks, rarely more than ~20 BTC.
    const position = (this.desk.multiPosition.get(account.id) ?? 0) / unitsOf(20, VOLUME_SCALE);
    const side: Side = rng.chance(0.5 - 0.35 * Math.max(-1, Math.min(1, position))) ? 'BID' : 'ASK';
    const size = rng.int(5, 250) * LOT;
    const mid = this.ctx.market.mid(account);
    const cents = unitsOf(mid * (side === 'BID' ? 1.0004 : 0.9996), 2);
    const time = t + rng.int(1, 40);
    const outcome = rng.float();
    const wantsFills = outcome < 0.68 || (outcome >= 0.83 && outcome < 0.95);
    if (wantsFills && (budget < 1 || !this.desk.canFill(account, side, cents, size))) return 0;

    const order = this.desk.open(this.actor, account, side, cents, size, time);
    if (outcome < 0.68) return this.fillPieces(order, size, time, budget, 'FILLED');
    if (outcome < 0.83) {
      this.cancelLater(order, time);
      return 0;
    }
    if (outcome < 0.95) {
      const part = Math.max(MIN_FILL, Math.round((size * rng.range(0.2, 0.8)) / LOT) * LOT);
      return this.fillPieces(order, part, time, budget, 'CANCELLED');
    }
    // A resting order: still OPEN if placed in the last two days, otherwise given up on later.
    if (t >= end - 2 * 86400) this.open.push(order);
    else this.cancelLater(order, time);
    return 0;
  }

  /** Fills `amount` of `order` in 1-4 pieces within the minute, then closes it with `status`. */
  private fillPieces(
    order: OpenOrder,
    amount: number,
    time: number,
    budget: number,
    status: 'FILLED' | 'CANCELLED',
  ): number {
    const { rng } = this.ctx;
    const pieces = Math.max(1, Math.min(budget, rng.int(1, 4), Math.floor(amount / MIN_FILL)));
    let left = amount;
    for (let i = 0; i < pieces; i++) {
      const size =
        i === pieces - 1
          ? left
          : Math.max(MIN_FILL, Math.round((left / (pieces - i)) * rng.range(0.5, 1.5)));
      const capped = Math.min(size, left - (pieces - 1 - i) * MIN_FILL);
      left -= capped;
      this.desk.fill(
        order,
        capped,
        Math.min(time + 2 * i, order.created + 59),
        order.account.takerFeeBps,
      );
    }
    if (status === 'FILLED') this.desk.close(order, 'FILLED', order.lastTime);
    else this.cancelLater(order, order.lastTime);
    return pieces;
  }

  /** The trader gives up on the order 2-240 minutes later (never after the end). */
  private cancelLater(order: OpenOrder, from: number): void {
    const at = Math.min(from + this.ctx.rng.int(120, 14_400), this.ctx.end - 1);
    this.desk.close(order, 'CANCELLED', at);
  }

  finish(): void {
    for (const order of this.open) this.desk.close(order, 'OPEN', null);
    this.open.length = 0;
  }
}

import type { PairAccount } from './accounts';
import type { SeedContext } from './context';
import { unitsOf, VOLUME_SCALE } from './fixed';
import type { OpenOrder, OrderDesk, Side } from './orders';

export interface MarketMakerParams {
  /** Distance of each quote from the mid, as a fraction of the mid. */
  halfSpread: number;
  /** Inventory limit in volume units; quotes skew towards flat as it fills up. */
  maxPosition: number;
  /** Quote sizes and the smallest fill, in volume units; sizes are multiples of `lot`. */
  minSize: number;
  maxSize: number;
  lot: number;
  minFill: number;
  /** Chance per minute that an untouched quote is cancelled and replaced. */
  requoteChance: number;
  /** Chance per minute that a partly filled quote is cancelled (CANCELLED with fills). */
  partialCancelChance: number;
}

const vol = (x: number) => unitsOf(x, VOLUME_SCALE);

export const BTC_MM_PARAMS: MarketMakerParams = {
  halfSpread: 0.0008,
  maxPosition: vol(6),
  minSize: vol(0.1),
  maxSize: vol(2),
  lot: vol(0.0001),
  minFill: vol(0.01),
  requoteChance: 0.3,
  partialCancelChance: 0.1,
};
export const ETH_MM_PARAMS: MarketMakerParams = {
  halfSpread: 0.0014,
  maxPosition: vol(40),
  minSize: vol(1),
  maxSize: vol(20),
  lot: vol(0.001),
  minFill: vol(0.1),
  requoteChance: 0.3,
  partialCancelChance: 0.1,
};

/** A stale quote is replaced once the mid has moved this far from where it should sit. */
const MAX_QUOTE_DRIFT = 0.0015;

/**
 * Gryphon's SimpleMarketMaking on one pair: one bid and one ask around the mid, replaced
 * often (most quotes are cancelled untouched), skewed to work inventory back towards flat.
 * It earns the spread in quiet markets; on trending days informed flow fills it on the
 * wrong side and it loses.
 */
export class MarketMaker {
  private readonly quotes: Record<Side, OpenOrder | null> = { BID: null, ASK: null };
  position = 0;

  constructor(
    private readonly ctx: SeedContext,
    private readonly desk: OrderDesk,
    readonly actor: string,
    readonly account: PairAccount,
    private readonly p: MarketMakerParams,
  ) {}

  private idealCents(side: Side): number {
    const skew = 0.8 * this.p.halfSpread * (this.position / this.p.maxPosition);
    const offset = side === 'BID' ? -this.p.halfSpread - skew : this.p.halfSpread - skew;
    return unitsOf(this.ctx.market.mid(this.account) * (1 + offset), 2);
  }

  private place(side: Side, time: number): OpenOrder {
    const { rng } = this.ctx;
    const lots = rng.int(this.p.minSize / this.p.lot, this.p.maxSize / this.p.lot);
    const order = this.desk.open(
      this.actor,
      this.account,
      side,
      this.idealCents(side),
      lots * this.p.lot,
      time,
    );
    this.quotes[side] = order;
    return order;
  }

  /** Start of minute `t`: cancel stale or unlucky quotes and make sure both sides are quoted. */
  onMinute(t: number): void {
    const { rng } = this.ctx;
    for (const side of ['BID', 'ASK'] as const) {
      const q = this.quotes[side];
      const time = t + rng.int(1, 20);
      if (q) {
        const ideal = this.idealCents(side);
        const stale = Math.abs(q.priceCents - ideal) > ideal * MAX_QUOTE_DRIFT;
        const cancel =
          stale ||
          rng.chance(q.filledUnits === 0 ? this.p.requoteChance : this.p.partialCancelChance);
        if (!cancel) continue;
        this.desk.close(q, 'CANCELLED', time);
      }
      this.place(side, time);
    }
  }

  private chooseSide(): Side {
    const r = this.position / this.p.maxPosition;
    if (r >= 1) return 'ASK';
    if (r <= -1) return 'BID';
    // Informed flow: in a rising market buyers lift our asks more often than sellers hit our bids.
    const flow = Math.max(-0.2, Math.min(0.2, this.ctx.market.trend * 9));
    return this.ctx.rng.chance(0.5 - 0.35 * r - flow) ? 'BID' : 'ASK';
  }

  /** One fill somewhere in minute `t`; returns 1, or 0 when neither side can trade. */
  fillOne(t: number): number {
    const first = this.chooseSide();
    for (const side of [first, first === 'BID' ? 'ASK' : 'BID'] as const) {
      const limitOk =
        side === 'BID' ? this.position < this.p.maxPosition : this.position > -this.p.maxPosition;
      if (limitOk && this.fillSide(side, t)) return 1;
    }
    return 0;
  }

  private fillSide(side: Side, t: number): boolean {
    const { rng } = this.ctx;
    const order = this.quotes[side] ?? this.place(side, t + rng.int(1, 30));
    const remaining = order.volumeUnits - order.filledUnits;
    let size = remaining;
    if (remaining > 2 * this.p.minFill && !rng.chance(0.2)) {
      size = Math.max(this.p.minFill, Math.round(remaining * rng.range(0.1, 0.5)));
      // Never leave a crumb smaller than a fill could be.
      if (remaining - size < this.p.minFill) size = remaining;
    }
    if (!this.desk.canFill(this.account, side, order.priceCents, size)) return false;
    const time = rng.int(Math.max(order.created, t + 1), t + 59);
    this.desk.fill(order, size, time, this.account.makerFeeBps);
    this.position += side === 'BID' ? size : -size;
    if (order.filledUnits === order.volumeUnits) {
      this.desk.close(order, 'FILLED', order.lastTime);
      this.place(side, Math.min(order.lastTime + rng.int(1, 3), t + 59));
    }
    return true;
  }

  /** End of the history: the live quotes stay OPEN. */
  finish(): void {
    for (const side of ['BID', 'ASK'] as const) {
      const q = this.quotes[side];
      if (q) this.desk.close(q, 'OPEN', null);
      this.quotes[side] = null;
    }
  }
}

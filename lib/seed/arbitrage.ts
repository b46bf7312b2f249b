import type { PairAccount } from './accounts';
import type { SeedContext } from './context';
import { unitsOf, VOLUME_SCALE } from './fixed';
import type { OpenOrder, OrderDesk } from './orders';

/** Trade only when the price gap pays both taker fees (2 × 5 bp) with room to spare. */
const MIN_PREMIUM = 0.0018;
/** The taker pays up to this much beyond the other exchange's mid to be sure to fill. */
const SLIPPAGE = 0.0001;
const LOT = unitsOf(0.0001, VOLUME_SCALE);
const MIN_SIZE_LOTS = 500; // 0.05 BTC
const MAX_SIZE_LOTS = 15_000; // 1.5 BTC

/**
 * Gryphon's SimpleArb between two exchanges quoting the same pair in the same currency: when
 * one is dearer than the other by more than the fees, buy on the cheap one and sell on the
 * dear one at once with immediate-or-cancel orders, each filled in one to three pieces.
 */
export class Arbitrage {
  constructor(
    private readonly ctx: SeedContext,
    private readonly desk: OrderDesk,
    readonly actor: string,
    private readonly a: PairAccount,
    private readonly b: PairAccount,
  ) {}

  /** The gap between the two mids, as a fraction (positive when `b` is dearer). */
  premium(): number {
    return this.ctx.market.mid(this.b) / this.ctx.market.mid(this.a) - 1;
  }

  hasOpportunity(): boolean {
    return Math.abs(this.premium()) > MIN_PREMIUM;
  }

  /** One arbitrage in minute `t` using at most `maxFills` fills; returns the fills made. */
  run(t: number, maxFills: number): number {
    if (maxFills < 2 || !this.hasOpportunity()) return 0;
    const { rng, market } = this.ctx;
    const [cheap, dear] = this.premium() > 0 ? [this.a, this.b] : [this.b, this.a];
    const buyCents = unitsOf(market.mid(cheap) * (1 + SLIPPAGE), 2);
    const sellCents = unitsOf(market.mid(dear) * (1 - SLIPPAGE), 2);
    let size = rng.int(MIN_SIZE_LOTS, MAX_SIZE_LOTS) * LOT;
    if (!this.funded(cheap, dear, buyCents, size)) size = MIN_SIZE_LOTS * LOT;
    if (!this.funded(cheap, dear, buyCents, size)) return 0;

    const time = t + rng.int(1, 58);
    const buy = this.desk.open(this.actor, cheap, 'BID', buyCents, size, time);
    const sell = this.desk.open(this.actor, dear, 'ASK', sellCents, size, time);
    // Most legs fill completely; now and then the book is thinner than it looked and both legs
    // stop at the same partial size (IOC), so the arbitrage stays flat.
    const filled = rng.chance(0.07)
      ? Math.max(LOT, Math.round((size * rng.range(0.3, 0.9)) / LOT) * LOT)
      : size;
    const buyFills = Math.min(this.fillCount(), maxFills - 1);
    const sellFills = Math.min(this.fillCount(), maxFills - buyFills);
    return this.execute(buy, filled, buyFills, time) + this.execute(sell, filled, sellFills, time);
  }

  private funded(cheap: PairAccount, dear: PairAccount, buyCents: number, size: number): boolean {
    return (
      this.desk.canFill(cheap, 'BID', buyCents, size) && this.desk.canFill(dear, 'ASK', 0, size)
    );
  }

  private fillCount(): number {
    const r = this.ctx.rng.float();
    return r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
  }

  /** Fills `amount` of `order` in `fills` pieces at or inside its limit; the rest is cancelled. */
  private execute(order: OpenOrder, amount: number, fills: number, time: number): number {
    const { rng } = this.ctx;
    let left = amount;
    for (let i = 0; i < fills; i++) {
      const size = i === fills - 1 ? left : Math.max(1, Math.round(left * rng.range(0.3, 0.7)));
      left -= size;
      // Later pieces walk the book: a few cents worse, never beyond the limit.
      const inside = (fills - 1 - i) * rng.int(0, 3);
      const cents = order.side === 'BID' ? order.priceCents - inside : order.priceCents + inside;
      this.desk.fill(order, size, time + (i > 0 ? 1 : 0), order.account.takerFeeBps, cents);
    }
    this.desk.close(order, amount === order.volumeUnits ? 'FILLED' : 'CANCELLED', order.lastTime);
    return fills;
  }
}

import { ACTORS, type PairAccount } from './accounts';
import type { SeedContext } from './context';
import {
  formatUnits,
  mulUnits,
  NOTIONAL_SCALE,
  PRICE_SCALE,
  toLedger,
  VOLUME_SCALE,
} from './fixed';

export type Side = 'BID' | 'ASK';
export type OrderStatus = 'OPEN' | 'FILLED' | 'CANCELLED';

/** An order still being worked; its row is written when it closes (or at the end, OPEN). */
export interface OpenOrder {
  id: number;
  actor: string;
  account: PairAccount;
  side: Side;
  /** Limit unit price, cents of the price currency. */
  priceCents: number;
  volumeUnits: number;
  filledUnits: number;
  /** Fundamental value, cents of the price currency; null: the harness's placeholder 1 USD. */
  fvCents: number | null;
  rate: string;
  /** Epoch seconds of creation and of the latest fill (or creation). */
  created: number;
  lastTime: number;
  fills: number;
  uniqueId: string;
  exchangeOrderId: string;
}

/**
 * Actors whose orders go through Gryphon's execution harness, which writes
 * `fundamental_value = Money('1', 'USD')` on every order it places
 * (gryphon/execution/harness/exchange_coordinator.pyx): a placeholder, not a price.
 */
const PLACEHOLDER_FV_ACTORS: ReadonlySet<string> = new Set([ACTORS.manual]);
const PLACEHOLDER_FV = '1.0000000000';

/**
 * Places orders, fills them the way Gryphon records fills, and keeps the ledger in step.
 * A fill's `trade.price` is its total notional (unit price × volume, exact), fees are in the
 * price currency except the share an exchange charges in the base currency.
 */
export class OrderDesk {
  private readonly exchangeIds = new Map<number, { order: number; trade: number }>();
  readonly orderStatusCounts: Record<OrderStatus, number> = { OPEN: 0, FILLED: 0, CANCELLED: 0 };
  readonly fillsByActor: Record<string, number> = {};
  /** Net base-currency position of actor Multi per account id (exchange.multi_position_cache). */
  readonly multiPosition = new Map<number, number>();

  constructor(private readonly ctx: SeedContext) {}

  private exchangeSeq(account: PairAccount): { order: number; trade: number } {
    let seq = this.exchangeIds.get(account.id);
    if (!seq) {
      seq = { order: account.orderIdBase, trade: account.tradeIdBase };
      this.exchangeIds.set(account.id, seq);
    }
    return seq;
  }

  open(
    actor: string,
    account: PairAccount,
    side: Side,
    priceCents: number,
    volumeUnits: number,
    time: number,
  ): OpenOrder {
    const seq = this.exchangeSeq(account);
    seq.order += this.ctx.rng.int(1, 40);
    return {
      id: this.ctx.next.order++,
      actor,
      account,
      side,
      priceCents,
      volumeUnits,
      filledUnits: 0,
      fvCents: PLACEHOLDER_FV_ACTORS.has(actor) ? null : this.ctx.market.midCents(account),
      rate: this.ctx.market.rateToUsd(account),
      created: time,
      lastTime: time,
      fills: 0,
      uniqueId: this.ctx.ids.hex(),
      exchangeOrderId: String(seq.order),
    };
  }

  /** Whether the account can pay for (BID) or deliver (ASK) `volumeUnits` at `priceCents`. */
  canFill(account: PairAccount, side: Side, priceCents: number, volumeUnits: number): boolean {
    const { ledger } = this.ctx;
    if (side === 'ASK')
      return ledger.get(account, account.base) >= toLedger(volumeUnits, VOLUME_SCALE);
    // Notional plus a 1 % allowance for the fee.
    const cost = toLedger(mulUnits(priceCents, volumeUnits), NOTIONAL_SCALE);
    return ledger.get(account, account.quote) >= cost + cost / 100n;
  }

  /** Records one fill of `volumeUnits` at `priceCents` (default: the order's limit price). */
  fill(
    order: OpenOrder,
    volumeUnits: number,
    time: number,
    feeBps: number,
    priceCents = order.priceCents,
  ): void {
    const { ctx } = this;
    const account = order.account;
    const notional = mulUnits(priceCents, volumeUnits);
    const feeInBase =
      order.side === 'BID' && account.baseFeeShare > 0 && ctx.rng.chance(account.baseFeeShare);
    // Fees: cents of the price currency (at least one cent), or volume units when charged in the base.
    const fee = feeInBase
      ? Math.max(1, Math.round((volumeUnits * feeBps) / 10_000))
      : Math.max(1, Math.round((notional * feeBps) / 1e12));
    const feeCurrency = feeInBase ? account.base : account.quote;
    const volumeL = toLedger(volumeUnits, VOLUME_SCALE);
    const notionalL = toLedger(notional, NOTIONAL_SCALE);
    const sign = order.side === 'BID' ? 1n : -1n;
    ctx.ledger.add(account, account.base, sign * volumeL);
    ctx.ledger.add(account, account.quote, -sign * notionalL);
    ctx.ledger.add(account, feeCurrency, -toLedger(fee, feeInBase ? VOLUME_SCALE : PRICE_SCALE));

    const seq = this.exchangeSeq(account);
    seq.trade += ctx.rng.int(1, 25);
    ctx.rows.push('trade', [
      String(ctx.next.trade++),
      order.side,
      ctx.ids.hex(),
      String(seq.trade),
      ctx.clock.format(time),
      formatUnits(fee, feeInBase ? VOLUME_SCALE : PRICE_SCALE),
      feeCurrency,
      formatUnits(notional, NOTIONAL_SCALE),
      account.quote,
      formatUnits(volumeUnits, VOLUME_SCALE),
      account.base,
      '{}',
      null,
      String(order.id),
    ]);
    order.filledUnits += volumeUnits;
    order.fills++;
    if (time > order.lastTime) order.lastTime = time;
    this.fillsByActor[order.actor] = (this.fillsByActor[order.actor] ?? 0) + 1;
    if (order.actor === ACTORS.manual) {
      const pos = this.multiPosition.get(account.id) ?? 0;
      this.multiPosition.set(account.id, pos + (order.side === 'BID' ? volumeUnits : -volumeUnits));
    }
  }

  /** Writes the order's row. `time` is when it was filled or cancelled; null while OPEN. */
  close(order: OpenOrder, status: OrderStatus, time: number | null): void {
    const { ctx } = this;
    const quote = order.account.quote;
    this.orderStatusCounts[status]++;
    ctx.rows.push('order', [
      String(order.id),
      status,
      order.side,
      order.uniqueId,
      order.exchangeOrderId,
      order.actor,
      order.rate,
      ctx.clock.format(order.created),
      time === null ? null : ctx.clock.format(Math.max(time, order.lastTime)),
      order.account.name,
      formatUnits(order.priceCents, PRICE_SCALE),
      quote,
      formatUnits(order.volumeUnits, VOLUME_SCALE),
      order.account.base,
      order.fvCents === null ? PLACEHOLDER_FV : formatUnits(order.fvCents, PRICE_SCALE),
      order.fvCents === null ? 'USD' : quote,
      null,
      null,
      null,
      null,
    ]);
  }
}

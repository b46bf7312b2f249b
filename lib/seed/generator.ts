import { ACTORS, BITSTAMP, COINBASE, GEMINI, KRAKEN } from './accounts';
import { ActivityQuota } from './activity';
import { Arbitrage } from './arbitrage';
import { Auditor } from './audits';
import { initializeLedger, scheduleCapital } from './capital';
import { createContext } from './context';
import { scheduleRoutineTransfers, writeExchanges } from './housekeeping';
import { ManualTrader } from './manual';
import { BTC_MM_PARAMS, ETH_MM_PARAMS, MarketMaker } from './market-maker';
import { OrderDesk, type OrderStatus } from './orders';
import type { RowBatch, SeedTable } from './rows';
import { Schedule } from './schedule';
import { Transactions } from './transactions';
import { Treasury } from './treasury';

export interface SeedOptions {
  seed: number;
  days: number;
  /** Total fills; default DEFAULT_FILLS_PER_DAY × days. */
  trades?: number;
  /** End of the history (exclusive), truncated to the whole minute. */
  end: Date;
  /** Rows per yielded batch (per table). */
  batchSize?: number;
}

export interface SeedSummary {
  start: Date;
  end: Date;
  fills: number;
  rows: Record<SeedTable, number>;
  orders: Record<OrderStatus, number>;
  fillsByActor: Record<string, number>;
  transactions: { COMPLETED: number; IN_TRANSIT: number };
}

export const DEFAULT_FILLS_PER_DAY = 1200;
const DAY = 86_400;

/** Share of each minute's fills taken by the arbitrage while the exchanges' prices diverge. */
const ARB_SHARE = 0.35;

/**
 * Generates a Gryphon trading history, minute by minute, yielding rows in batches so that
 * memory stays bounded at any size: only open orders and pending transfers are held.
 * Deterministic: the same options give the same rows.
 */
export function* generateHistory(opts: SeedOptions): Generator<RowBatch, SeedSummary, void> {
  const batchSize = opts.batchSize ?? 10_000;
  const end = Math.floor(opts.end.getTime() / 60_000) * 60;
  const start = end - Math.round(opts.days * DAY);
  const minutes = (end - start) / 60;
  const total = opts.trades ?? Math.round(DEFAULT_FILLS_PER_DAY * opts.days);
  const ctx = createContext(opts.seed, start, end);
  const quota = new ActivityQuota(ctx.rng.fork(), start, minutes, total);

  const desk = new OrderDesk(ctx);
  const tx = new Transactions(ctx);
  const treasury = new Treasury(ctx, tx);
  const hours = Math.floor(minutes / 60);
  const audits = hours * 4;
  const auditor = new Auditor(
    ctx,
    tx,
    new Set([Math.floor(audits * 0.3), Math.floor(audits * 0.7) + 1]),
  );
  const schedule = new Schedule();
  initializeLedger(ctx, tx);
  scheduleCapital(ctx, tx, schedule);
  scheduleRoutineTransfers(ctx, treasury, schedule);

  const makers = [
    new MarketMaker(ctx, desk, ACTORS.marketMaker, BITSTAMP, BTC_MM_PARAMS),
    new MarketMaker(ctx, desk, ACTORS.marketMaker, KRAKEN, BTC_MM_PARAMS),
    new MarketMaker(ctx, desk, ACTORS.ethMarketMaker, GEMINI, ETH_MM_PARAMS),
  ];
  const makerWeights = [0.42, 0.7, 1];
  const arb = new Arbitrage(ctx, desk, ACTORS.arbitrage, BITSTAMP, COINBASE);
  const manual = new ManualTrader(ctx, desk, ACTORS.manual, [BITSTAMP, COINBASE]);

  let carry = 0;
  for (let i = 0; i < minutes; i++) {
    const t = start + i * 60;
    if (i % 1440 === 0) ctx.market.newDay();
    ctx.market.step();
    if (i > 0 && i % 60 === 0) {
      auditor.auditAll(t);
      treasury.rebalance(t);
    }
    tx.completeDue(t + 60);
    schedule.runDue(t + 60);
    for (const mm of makers) mm.onMinute(t);

    let q = quota.quota(i) + carry;
    q -= manual.onMinute(t, q);
    while (q > 0) {
      const r = ctx.rng.float();
      if (r < ARB_SHARE && arb.hasOpportunity()) {
        const n = arb.run(t, q);
        if (n > 0) {
          q -= n;
          continue;
        }
      }
      const pick = makerWeights.findIndex((w) => ctx.rng.float() < w);
      const n = makers[pick].fillOne(t) || makers.reduce((done, mm) => done || mm.fillOne(t), 0);
      if (n === 0) break;
      q -= n;
    }
    carry = q;
    if (ctx.rows.buffers.trade.length >= batchSize || ctx.rows.buffers.order.length >= batchSize) {
      yield* ctx.rows.drain(batchSize);
    }
  }

  for (const s of [...makers, manual]) s.finish();
  tx.finish();
  writeExchanges(ctx, desk);
  yield* ctx.rows.drain(1);
  return {
    start: new Date(start * 1000),
    end: new Date(end * 1000),
    fills: ctx.rows.counts.trade,
    rows: { ...ctx.rows.counts },
    orders: { ...desk.orderStatusCounts },
    fillsByActor: { ...desk.fillsByActor },
    transactions: { ...tx.statusCounts },
  };
}

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { generateHistory } from './generator';
import { SEED_COLUMNS } from './rows';

interface Fill {
  day: string;
  side: string;
  volume: Decimal;
  /** Notional and fee in USD (order.exchange_rate; base-currency fees at the fundamental value). */
  usd: Decimal;
  feeUsd: Decimal;
}

const col = (table: 'order' | 'trade', name: string) => SEED_COLUMNS[table].indexOf(name as never);
const orders = new Map<string, (string | null)[]>();
const trades: (string | null)[][] = [];
const gen = generateHistory({ seed: 5, days: 30, end: new Date('2025-03-01T00:00:00Z') });
for (let step = gen.next(); !step.done; step = gen.next()) {
  if (step.value.table === 'order') for (const o of step.value.rows) orders.set(o[0] as string, o);
  if (step.value.table === 'trade') trades.push(...step.value.rows);
}

/** Fills of `actor` in time order, from a 30-day history. */
function fillsOf(actor: string): Fill[] {
  const out: (Fill & { time: string; id: number })[] = [];
  for (const t of trades) {
    const o = orders.get(t[col('trade', 'order_id')] as string) as string[];
    if (o[col('order', 'actor')] !== actor) continue;
    const rate = new Decimal(o[col('order', 'exchange_rate')]);
    const fee = new Decimal(t[col('trade', 'fee')] as string);
    const feeInBase = t[col('trade', 'fee_currency')] === t[col('trade', 'volume_currency')];
    const time = t[col('trade', 'time_created')] as string;
    out.push({
      id: Number(t[0]),
      time,
      day: time.slice(0, 10),
      side: t[col('trade', 'trade_type')] as string,
      volume: new Decimal(t[col('trade', 'volume')] as string),
      usd: new Decimal(t[col('trade', 'price')] as string).mul(rate),
      feeUsd: feeInBase ? fee.mul(o[col('order', 'fundamental_value')]).mul(rate) : fee.mul(rate),
    });
  }
  return out.sort((a, b) => a.time.localeCompare(b.time) || a.id - b.id);
}

/** Realized profit per day: FIFO-matched round trips (as the strategy page computes) less fees. */
function dailyProfit(fills: Fill[]): Map<string, Decimal> {
  const queues: Record<string, { volume: Decimal; usd: Decimal }[]> = { BID: [], ASK: [] };
  const days = new Map<string, Decimal>();
  for (const f of fills) {
    let leg = { volume: f.volume, usd: f.usd };
    let pnl = f.feeUsd.neg();
    const other = queues[f.side === 'BID' ? 'ASK' : 'BID'];
    while (leg.volume.gt(0) && other.length > 0) {
      const head = other[0];
      const v = Decimal.min(head.volume, leg.volume);
      const headPart = head.usd.mul(v).div(head.volume);
      const legPart = leg.usd.mul(v).div(leg.volume);
      pnl = pnl.add(f.side === 'ASK' ? legPart.sub(headPart) : headPart.sub(legPart));
      head.volume = head.volume.sub(v);
      head.usd = head.usd.sub(headPart);
      leg = { volume: leg.volume.sub(v), usd: leg.usd.sub(legPart) };
      if (head.volume.isZero()) other.shift();
    }
    if (leg.volume.gt(0)) queues[f.side].push(leg);
    days.set(f.day, (days.get(f.day) ?? new Decimal(0)).add(pnl));
  }
  return days;
}

describe('strategies', () => {
  it.each(['SIMPLEMARKETMAKING', 'SIMPLEMARKETMAKINGETH'])(
    '%s makes money on most days and loses on some',
    (actor) => {
      const days = [...dailyProfit(fillsOf(actor)).values()];
      const winning = days.filter((p) => p.gt(0)).length;
      expect(days.length).toBeGreaterThanOrEqual(30);
      expect(winning / days.length).toBeGreaterThan(0.6);
      expect(winning).toBeLessThan(days.length);
    },
  );

  it('SIMPLEARB is profitable every day it trades, and stays flat', () => {
    const fills = fillsOf('SIMPLEARB');
    expect(fills.length).toBeGreaterThan(100);
    for (const p of dailyProfit(fills).values()) expect(p.gt(0)).toBe(true);
    const net = fills.reduce(
      (s, f) => s.add(f.side === 'BID' ? f.volume : f.volume.neg()),
      new Decimal(0),
    );
    expect(net.isZero()).toBe(true);
  });

  it('fills are realistic sizes: 0.01-2 BTC, 0.1-20 ETH', () => {
    for (const f of fillsOf('SIMPLEMARKETMAKING'))
      expect(f.volume.gte(0.01) && f.volume.lte(2)).toBe(true);
    for (const f of fillsOf('SIMPLEMARKETMAKINGETH'))
      expect(f.volume.gte(0.1) && f.volume.lte(20)).toBe(true);
  });
});

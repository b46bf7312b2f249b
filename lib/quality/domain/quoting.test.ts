import { describe, expect, it } from 'vitest';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import { decompose } from './decomposition';
import {
  LIFETIME_BINS,
  type PlacedOrder,
  addPlacedOrder,
  emptyQuotingSums,
  mergeQuotingSums,
  quotingStats,
  quotingStatsOfSums,
} from './quoting';
import { quantiles } from './quantiles';
import { quoteSegments } from './reference-price';
import { uptimeStats } from './uptime';

const F = parseFixed;
const S = 1000;

/**
 * Four orders worked by hand over [0, 300 s): A bid 99 [0, 100 s) filled, B ask 101
 * [50 s, 200 s) cancelled untouched, C bid 99.5 [150 s, 300 s) half filled, D ask 102 from
 * 250 s, still open, untouched. Two-sided: [50, 100) at spread 2 and [150, 200) at 1.5, then
 * [250, 300) at 102 − 99.5 = 2.5: 150 s of 300 s.
 */
const orders = [
  { side: 'BID' as const, price: F('99'), open: 0, close: 100 * S, volume: '1', filled: '1' },
  { side: 'ASK' as const, price: F('101'), open: 50 * S, close: 200 * S, volume: '1', filled: '0' },
  {
    side: 'BID' as const,
    price: F('99.5'),
    open: 150 * S,
    close: 300 * S,
    volume: '1',
    filled: '0.5',
  },
  { side: 'ASK' as const, price: F('102'), open: 250 * S, close: null, volume: '1', filled: '0' },
];

describe('uptime and quoted spread', () => {
  const segs = quoteSegments(orders);
  it('two-sided share and time-weighted median and p90 of the spread', () => {
    const u = uptimeStats(segs, 0, 300 * S, 3);
    expect(u.uptime).toBeCloseTo(0.5, 12);
    // Spreads weighted by time: 1.5 (50 s), 2 (50 s), 2.5 (50 s): median 2, p90 2.5.
    expect(u.median).toBe(2);
    expect(u.p90).toBe(2.5);
    // Slices of 100 s: [0,100) two-sided 50 s; [100,200) 50 s; [200,300) 50 s.
    expect(u.slices.map((s) => s.uptime)).toEqual([0.5, 0.5, 0.5]);
    expect(u.slices.map((s) => s.median)).toEqual([2, 1.5, 2.5]);
  });
  it('a window inside one state', () => {
    const u = uptimeStats(segs, 60 * S, 90 * S, 1);
    expect(u.uptime).toBe(1);
    expect(u.median).toBe(2);
    expect(uptimeStats(segs, 100 * S, 150 * S, 1).uptime).toBe(0);
  });
});

describe('quoting', () => {
  it('counts, fill ratios and lifetimes', () => {
    const q = quotingStats(
      orders.map((o) => ({
        created: o.open,
        executed: o.close,
        volume: F(o.volume),
        filledVolume: F(o.filled),
      })),
      (f) => fixedToString(f),
    );
    expect([q.placed, q.filled, q.partly, q.cancelled, q.open]).toEqual([4, 1, 1, 1, 1]);
    expect(q.fillRatioCount).toBe(0.5);
    expect(q.fillRatioVolume).toBe('0.375');
    // Filled (A 100 s, C 150 s), cancelled (B 150 s); D is still open.
    expect(q.lifetimeFilled).toMatchObject({ count: 2, p50: 100, p90: 150 });
    expect(q.lifetimeFilled.histogram).toEqual([0, 0, 0, 2, 0, 0, 0]);
    expect(q.lifetimeCancelled).toMatchObject({ count: 1, p50: 150 });
  });
});

describe('P&L decomposition', () => {
  it('revenue = spread capture + inventory; net = revenue − fees', () => {
    // Holding 1 at R = 100, buying 1 at 99 when R = 100 (spread 1), R ends at 103.
    const d = decompose({
      cashFlow: F('-99'),
      openingPosition: F('1'),
      closingPosition: F('2'),
      referenceStart: F('100'),
      referenceEnd: F('103'),
      spreadCapture: F('1'),
      fees: F('0.5'),
    });
    expect(fixedToString(d.revenue)).toBe('7');
    expect(fixedToString(d.inventory)).toBe('6');
    expect(fixedToString(d.net)).toBe('6.5');
  });
});

describe('quoting sums (the rollup of quoting)', () => {
  /** The plain computation (its first version): every lifetime listed, sorted, quantiled. */
  function plain(orders: PlacedOrder[]) {
    const lf: number[] = [];
    const lc: number[] = [];
    for (const o of orders) {
      if (o.executed === null) continue;
      (o.filledVolume > 0n ? lf : lc).push((o.executed - o.created) / 1000);
    }
    const stats = (xs: number[]) => {
      const [p10, p50, p90] = quantiles(xs, [0.1, 0.5, 0.9]);
      const histogram = LIFETIME_BINS.map(() => 0);
      for (const x of xs) histogram[LIFETIME_BINS.findIndex((b) => x < b)]++;
      return { count: xs.length, p10, p50, p90, histogram };
    };
    return { lifetimeFilled: stats(lf), lifetimeCancelled: stats(lc) };
  }

  it('split into parts and merged gives the figures of the whole, lifetimes as listed', () => {
    let a = 3;
    const r = () => (a = (a * 16807) % 2147483647) / 2147483647;
    for (let c = 0; c < 50; c++) {
      const orders: PlacedOrder[] = Array.from({ length: Math.floor(r() * 200) }, () => {
        const created = Math.floor(r() * 1e6) * 1000;
        const volume = BigInt(1 + Math.floor(r() * 4)) * 10n ** 36n;
        const filled = r() < 0.4 ? 0n : r() < 0.5 ? volume : volume / 2n;
        return {
          created,
          executed: r() < 0.1 ? null : created + Math.floor(r() * r() * 5000) * 1000,
          volume,
          filledVolume: filled,
        };
      });
      const whole = quotingStats(orders, (f) => fixedToString(f));
      expect({
        lifetimeFilled: whole.lifetimeFilled,
        lifetimeCancelled: whole.lifetimeCancelled,
      }).toEqual(plain(orders));
      const cut = Math.floor(r() * orders.length);
      const s1 = emptyQuotingSums();
      const s2 = emptyQuotingSums();
      orders.forEach((o, i) => addPlacedOrder(i < cut ? s1 : s2, o));
      mergeQuotingSums(s1, s2);
      expect(quotingStatsOfSums(s1, (f) => fixedToString(f))).toEqual(whole);
    }
  });
});

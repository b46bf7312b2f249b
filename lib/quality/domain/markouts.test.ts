import { describe, expect, it } from 'vitest';
import { type Fixed, fixedToString, parseFixed } from '../../core/money/fixed';
import { HORIZONS, addFillToTable, emptyTable } from './markouts';
import { ReferenceTimeline, fundamentalInPriceCurrency } from './reference-price';
import { markoutRows } from './stats';

const F = (s: string): Fixed => parseFixed(s);
const S = 1000;
const T = 1_000_000 * S;

/**
 * A pair worked by hand. Orders (any actor): a placeholder FV of 1 USD at T − 10 s, a real FV
 * of 102 at T + 30 min. Our quotes: bid 99 over [T − 10 s, T) (filled at T), bid 99.5 over
 * [T, T + 5 min), ask 101 over [T − 10 s, T + 2 h). Fills: ours, BID 2 @ 99 at T and ASK 1 @ 101
 * at T + 20 s (also the pair's only fills).
 *   reference before T + 30 min: the placeholder is implausible -> mid of 99.5 and 101 = 100.25
 *   while both are open, the last fill once the bid is gone (T + 5 min on);
 *   from T + 30 min: FV 102 (plausible against 101).
 */
function worked() {
  const timeline = new ReferenceTimeline(
    [
      { time: T - 10 * S, fundamentalValue: F('1') },
      { time: T + 1800 * S, fundamentalValue: F('102') },
    ],
    [
      { side: 'BID', price: F('99'), open: T - 10 * S, close: T },
      { side: 'BID', price: F('99.5'), open: T, close: T + 300 * S },
      { side: 'ASK', price: F('101'), open: T - 10 * S, close: T + 7200 * S },
    ],
    [
      { time: T, unitPrice: F('99') },
      { time: T + 20 * S, unitPrice: F('101') },
    ],
  );
  const fills = [
    { time: T, side: 'BID' as const, volume: F('2'), unitPrice: F('99') },
    { time: T + 20 * S, side: 'ASK' as const, volume: F('1'), unitPrice: F('101') },
  ];
  return { timeline, fills };
}

describe('reference price', () => {
  it('falls back from a 1 USD placeholder to our quote mid, then to the last fill', () => {
    const { timeline } = worked();
    expect(timeline.at(T)).toEqual({ price: F('100.25'), source: 'quote-mid' });
    expect(timeline.at(T - 1 * S)).toEqual({ price: F('100'), source: 'quote-mid' });
    expect(timeline.at(T + 300 * S)).toEqual({ price: F('101'), source: 'last-fill' });
    expect(timeline.at(T + 299 * S)).toEqual({ price: F('100.25'), source: 'quote-mid' });
    expect(timeline.at(T + 1800 * S)).toEqual({ price: F('102'), source: 'fundamental' });
    expect(timeline.at(T - 20 * S)).toBeNull();
  });

  it('converts a USD fundamental value by the order exchange rate; unknown currencies are unusable', () => {
    const base = { fundamentalValue: F('110'), priceCurrency: 'EUR', exchangeRate: F('1.1') };
    expect(fundamentalInPriceCurrency({ ...base, fundamentalValueCurrency: 'USD' })).toBe(F('100'));
    expect(fundamentalInPriceCurrency({ ...base, fundamentalValueCurrency: 'EUR' })).toBe(F('110'));
    expect(fundamentalInPriceCurrency({ ...base, fundamentalValueCurrency: 'GBP' })).toBeNull();
    expect(
      fundamentalInPriceCurrency({ ...base, fundamentalValueCurrency: 'USD', exchangeRate: null }),
    ).toBeNull();
  });
});

describe('markouts worked by hand', () => {
  const { timeline, fills } = worked();
  const table = emptyTable();
  for (const f of fills) addFillToTable(table, f, (t) => timeline.at(t), T + 10 * 3600 * S);
  const rows = markoutRows(table, (f) => fixedToString(f));
  const at = (h: string, side: string) => rows.find((r) => r.horizon === h && r.side === side)!;

  it('per horizon and side, money exact', () => {
    // BID: 100.25 − 99 = 1.25 per unit up to 1 min (× 2 = 2.5); at 5 min the 99.5 bid has closed,
    // the last fill is the ask at 101: 2 × 2 = 4; at 1 h FV 102: 3 × 2 = 6.
    expect(HORIZONS.map((h) => at(h.key, 'BID').money)).toEqual([
      '2.5',
      '2.5',
      '2.5',
      '2.5',
      '4',
      '6',
    ]);
    // ASK at T + 20 s: 101 − 100.25 = 0.75 up to 1 min; at 5 min the last fill (101): 0; at 1 h 101 − 102.
    expect(HORIZONS.map((h) => at(h.key, 'ASK').money)).toEqual([
      '0.75',
      '0.75',
      '0.75',
      '0.75',
      '0',
      '-1',
    ]);
    expect(at('1h', 'ALL').money).toBe('5');
    expect(at('1h', 'ALL').adverse).toBe('-1.75');
    expect(at('0s', 'ALL').perUnitExact).toBe('1.083333333333333333');
    expect(at('0s', 'ALL').sources).toEqual({ fundamental: 0, 'quote-mid': 2, 'last-fill': 0 });
    expect(at('5m', 'ALL').sources).toEqual({ fundamental: 0, 'quote-mid': 0, 'last-fill': 2 });
    expect(at('1h', 'ALL').sources).toEqual({ fundamental: 2, 'quote-mid': 0, 'last-fill': 0 });
  });

  it('means and 95 % intervals, fill- and size-weighted', () => {
    const r = at('0s', 'ALL');
    // Fill-weighted: (1.25 + 0.75) / 2 = 1; s = √0.125; 1.96 s / √2 = 0.49.
    expect(r.perUnit.fill!.mean).toBeCloseTo(1, 12);
    expect(r.perUnit.fill!.ci).toBeCloseTo(0.49, 12);
    // Size-weighted: 3.25 / 3; weighted variance 0.0555… × n_eff / (n_eff − 1), n_eff = 9 / 5.
    expect(r.perUnit.size!.mean).toBeCloseTo(3.25 / 3, 12);
    expect(r.perUnit.size!.ci).toBeCloseTo(1.96 * Math.sqrt(0.125 / 1.8), 12);
    // Basis points of the unit price: 1.25 / 99 and 0.75 / 101.
    expect(r.bps.fill!.mean).toBeCloseTo(((1.25 / 99 + 0.75 / 101) / 2) * 1e4, 9);
    expect(at('0s', 'BID').perUnit.fill!.ci).toBeNull();
  });

  it('a horizon not yet passed is pending, not counted', () => {
    const t2 = emptyTable();
    for (const f of fills) addFillToTable(t2, f, (t) => timeline.at(t), T + 70 * S);
    const r2 = markoutRows(t2, (f) => fixedToString(f));
    const all = (h: string) => r2.find((r) => r.horizon === h && r.side === 'ALL')!;
    expect(all('1m').fills).toBe(1);
    expect(all('1m').pending).toBe(1);
    expect(all('5m').fills).toBe(0);
    expect(all('0s').fills).toBe(2);
    expect(all('1h').pending).toBe(2);
  });
});

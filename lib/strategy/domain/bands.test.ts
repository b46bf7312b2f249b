import { describe, expect, it } from 'vitest';
import { parseFixed, type Fixed } from '../../core/money/fixed';
import type { StrategyFill } from '../../fills/strategy-fills';
import { BTC_USD, T0, fill } from '@/tests/helpers/fills';
import {
  bandSize,
  bandsFromFills,
  bandWords,
  DISC_LIMIT,
  drawsBands,
  MAX_BANDS,
  positionBandColumns,
  positionBands,
  tradeBandColumns,
} from './bands';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** n fills over `days` from T0 + offset, unit prices 40,000-41,000, volumes up to 2 BTC, 14 decimals. */
function manyFills(n: number, days: number, offsetMs = 0, seed = 11): StrategyFill[] {
  const base = fill(0, 'BID', '1', '1', {}, BTC_USD);
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const out: StrategyFill[] = [];
  for (let i = 0; i < n; i++) {
    const volume = parseFixed((0.001 + random() * 2).toFixed(14));
    const unit = parseFixed((40000 + random() * 1000).toFixed(2));
    out.push({
      ...base,
      tradeId: i + 1,
      orderId: i + 1,
      // Some fills on a bucket's first millisecond, the edge case of the bucketing.
      timeMs: T0 + offsetMs + (i % 7 === 0 ? 0 : Math.floor(random() * days * DAY)),
      side: random() < 0.5 ? 'BID' : 'ASK',
      volume,
      price: (volume * unit) / 10n ** 36n,
    });
  }
  return out.sort((a, b) => a.timeMs - b.timeMs || a.tradeId - b.tradeId);
}

/**
 * The plain computation the bands must equal: for each bucket, every fill is tested for
 * membership; the position at the bucket's start is the opening plus every earlier fill.
 */
function plainBands(fills: StrategyFill[], opening: Fixed, start: number, end: number) {
  const size = bandSize(end - start);
  const signed = (f: StrategyFill) => (f.side === 'BID' ? f.volume : -f.volume);
  const trades = [];
  const position = [];
  for (let t = Math.floor(start / size) * size; t < end; t += size) {
    const inside = fills.filter((f) => f.timeMs >= t && f.timeMs < t + size);
    const sum = (side: string, k: 'volume' | 'price') =>
      inside.filter((f) => f.side === side).reduce((a, f) => a + f[k], 0n);
    if (inside.length > 0)
      trades.push({
        t,
        bid: { volume: sum('BID', 'volume'), notional: sum('BID', 'price') },
        ask: { volume: sum('ASK', 'volume'), notional: sum('ASK', 'price') },
      });
    let p = fills.filter((f) => f.timeMs < t).reduce((a, f) => a + signed(f), opening);
    const seen = [p];
    for (const f of inside) seen.push((p += signed(f)));
    position.push({
      t,
      min: seen.reduce((a, b) => (b < a ? b : a)),
      max: seen.reduce((a, b) => (b > a ? b : a)),
      close: p,
    });
  }
  return { size, trades, position };
}

describe('drawsBands: half-discs up to DISC_LIMIT fills, bands beyond', () => {
  it.each([
    [0, false],
    [DISC_LIMIT, false],
    [DISC_LIMIT + 1, true],
    [20_000, true],
  ])('%i fills: bands %s', (n, bands) => expect(drawsBands(n)).toBe(bands));
});

describe('bandSize: whole minutes, hours or days, at most MAX_BANDS across the window', () => {
  it.each([
    [HOUR, MINUTE, '1 minute'],
    [DAY, 5 * MINUTE, '5 minutes'],
    [7 * DAY, 30 * MINUTE, '30 minutes'],
    [30 * DAY, 3 * HOUR, '3 hours'],
    [90 * DAY, 6 * HOUR, '6 hours'],
    [365 * DAY, DAY, '1 day'],
    [10 * 365 * DAY, 14 * DAY, '14 days'],
  ])('%i ms: %i ms (%s)', (span, size, words) => {
    expect(bandSize(span)).toBe(size);
    expect(span / size).toBeLessThanOrEqual(MAX_BANDS);
    expect(bandWords(size)).toBe(words.replace(/^1 /, ''));
  });
});

describe('bandsFromFills equals the plain per-bucket computation', () => {
  it.each([
    ['1 day', 700, 1, 0, '0'],
    ['30 days', 5000, 30, 0, '-3.25'],
    ['a year', 8000, 365, 0, '6.5'],
    ['a window not on bucket edges', 3000, 29, 7 * HOUR + 13 * MINUTE + 5_000, '0.125'],
  ])('%s', (_, n, days, offset, opening) => {
    const fills = manyFills(n, days, offset);
    const start = T0 + offset;
    const end = start + days * DAY;
    const window = { start: new Date(start), end: new Date(end) };
    const got = bandsFromFills(fills, parseFixed(opening), window);
    const want = plainBands(fills, parseFixed(opening), start, end);
    expect(got.size).toBe(want.size);
    expect(got.trades).toEqual(want.trades);
    expect(got.position).toEqual(want.position);
    expect(got.endsOnly).toEqual([]);
    // The last close is the closing position.
    const closing = fills.reduce(
      (a, f) => a + (f.side === 'BID' ? f.volume : -f.volume),
      parseFixed(opening),
    );
    expect(got.position.at(-1)!.close).toBe(closing);
  });
});

describe('positionBands', () => {
  it('a quiet bucket is its flat value; a bucket range includes its opening value', () => {
    const steps = [
      { t: T0 + 10 * MINUTE, min: 2n, max: 2n, close: 2n },
      { t: T0 + 20 * MINUTE, min: -1n, max: -1n, close: -1n },
      { t: T0 + 70 * MINUTE, min: -4n, max: 3n, close: 0n },
    ];
    const window = { start: new Date(T0), end: new Date(T0 + 3 * HOUR) };
    expect(positionBands(1n, steps, window, HOUR)).toEqual([
      { t: T0, min: -1n, max: 2n, close: -1n },
      { t: T0 + HOUR, min: -4n, max: 3n, close: 0n },
      { t: T0 + 2 * HOUR, min: 0n, max: 0n, close: 0n },
    ]);
  });
});

describe('band columns: exact decimal strings, bucket starts in seconds', () => {
  it('keeps every digit', () => {
    const time = (ms: number) => (ms - T0) / 1000;
    const trades = tradeBandColumns(
      [
        {
          t: T0 + HOUR,
          bid: { volume: parseFixed('0.12345678901234'), notional: parseFixed('5000.123456789') },
          ask: { volume: 0n, notional: 0n },
        },
      ],
      HOUR,
      time,
    );
    expect(trades).toEqual({
      size: 3600,
      t: [3600],
      bidVolume: ['0.12345678901234'],
      bidNotional: ['5000.123456789'],
      askVolume: ['0'],
      askNotional: ['0'],
    });
    const position = positionBandColumns(
      [{ t: T0, min: parseFixed('-8.7'), max: parseFixed('6'), close: parseFixed('0.00000001') }],
      HOUR,
      time,
    );
    expect(position).toEqual({
      size: 3600,
      t: [0],
      min: ['-8.7'],
      max: ['6'],
      close: ['0.00000001'],
      endsOnly: [],
    });
  });
});

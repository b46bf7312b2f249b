import { describe, expect, it } from 'vitest';
import { DAY_MS, PREFIX_LEVELS, planPrefixes, type MsRange } from '../../rollup/domain/buckets';
import { Cumulative, PrefixSums } from './prefix';
import type { Balances } from './types';

/**
 * The prefix-sum algebra of netsBetween (lib/ledger/totals.ts) against brute force: random
 * movements at random seconds over a few days, read per level the way the SQL reads them
 * (the movements inside the level's ranges, summed per stretch between its edges), must give
 * every gap's exact sum.
 */
let seed = 42;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const START = Date.parse('2024-03-01T00:00:00Z');

interface Move {
  t: number;
  currency: string;
  amount: bigint;
}

function sumOf(moves: readonly Move[], a: number, b: number): Balances {
  const out: Balances = new Map();
  for (const m of moves)
    if (m.t >= a && m.t < b) out.set(m.currency, (out.get(m.currency) ?? 0n) + m.amount);
  return out;
}

/** As SQL returns them: the moves in `ranges`, summed per stretch [edges[k-1], edges[k]). */
function readStretches(moves: readonly Move[], ranges: readonly MsRange[], edges: number[]) {
  const byStart = new Map<number, Balances>();
  for (const m of moves) {
    if (!ranges.some(([a, b]) => m.t >= a && m.t < b)) continue;
    let k = 0;
    while (k + 1 < edges.length && edges[k + 1] <= m.t) k++;
    const sums = byStart.get(edges[k]) ?? new Map<string, bigint>();
    sums.set(m.currency, (sums.get(m.currency) ?? 0n) + m.amount);
    byStart.set(edges[k], sums);
  }
  return new Cumulative(byStart);
}

const nonZero = (b: Balances) =>
  Object.fromEntries([...b].filter(([, v]) => v !== 0n).map(([c, v]) => [c, String(v)]));

describe('PrefixSums: gaps summed from prefix sums over the planned reads', () => {
  it.each([
    ['seconds apart in one minute', 60_000, 40],
    ['minutes apart', 3_600_000, 40],
    ['hours apart, across midnights', 4 * DAY_MS, 30],
    ['days apart', 40 * DAY_MS, 25],
  ])('equals brute force for points %s', (_, spread, n) => {
    for (let round = 0; round < 20; round++) {
      const base = START + Math.floor((rand() * 3 * DAY_MS) / 1000) * 1000;
      const moves: Move[] = Array.from({ length: 400 }, () => ({
        t: base - DAY_MS + Math.floor((rand() * (spread + 2 * DAY_MS)) / 1000) * 1000,
        currency: rand() < 0.5 ? 'BTC' : 'USD',
        amount: BigInt(Math.floor(rand() * 2_000_001) - 1_000_000) * 10n ** 20n,
      }));
      // Several moves at one second, and at the points themselves.
      const seconds = [
        ...new Set(
          Array.from({ length: n }, () => base + Math.floor((rand() * spread) / 1000) * 1000),
        ),
      ].sort((a, b) => a - b);
      for (const s of seconds.slice(0, 5)) moves.push({ t: s, currency: 'USD', amount: 7n });
      // Gaps as the ledger makes them: strictly between shown seconds.
      const gaps = seconds.slice(1).map((s, i) => [seconds[i] + 1000, s] as const);
      const points = [...new Set(gaps.filter(([a, b]) => a < b).flat())];
      if (points.length === 0) continue;
      const plan = planPrefixes(points);
      const levels = Object.fromEntries(
        PREFIX_LEVELS.map((l) => [
          l,
          readStretches(moves, plan.reads[l].ranges, plan.reads[l].edges),
        ]),
      ) as ConstructorParameters<typeof PrefixSums>[1];
      const prefix = new PrefixSums(plan.origin, levels, new Cumulative([]));
      for (const [a, b] of gaps) {
        if (a >= b) continue;
        expect(nonZero(prefix.between(a, b)), `[${a}, ${b})`).toEqual(nonZero(sumOf(moves, a, b)));
      }
    }
  });

  it('plans few reads: one stretch of days, the finer levels only around the points', () => {
    const points = [
      Date.parse('2024-03-01T10:15:30Z'),
      Date.parse('2024-03-01T10:15:31Z'),
      Date.parse('2024-06-20T23:59:59Z'),
      Date.parse('2024-06-21T00:00:00Z'),
    ];
    const plan = planPrefixes(points);
    const show = (r: MsRange[]) =>
      r.map(([a, b]) => `${new Date(a).toISOString()}..${new Date(b).toISOString()}`);
    expect(new Date(plan.origin).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(show(plan.reads[3].ranges)).toEqual([
      '2024-03-01T00:00:00.000Z..2024-06-21T00:00:00.000Z',
    ]);
    expect(show(plan.reads[2].ranges)).toEqual([
      '2024-03-01T00:00:00.000Z..2024-03-01T10:00:00.000Z',
      '2024-06-20T00:00:00.000Z..2024-06-20T23:00:00.000Z',
    ]);
    expect(show(plan.reads[1].ranges)).toEqual([
      '2024-03-01T10:00:00.000Z..2024-03-01T10:15:00.000Z',
      '2024-06-20T23:00:00.000Z..2024-06-20T23:59:00.000Z',
    ]);
    expect(show(plan.reads.live.ranges)).toEqual([
      '2024-03-01T10:15:00.000Z..2024-03-01T10:15:31.000Z',
      '2024-06-20T23:59:00.000Z..2024-06-20T23:59:59.000Z',
    ]);
    expect(plan.reads.live.edges.map((e) => new Date(e).toISOString().slice(11, 19))).toEqual([
      '10:15:00',
      '10:15:30',
      '10:15:31',
      '23:59:00',
      '23:59:59',
    ]);
  });
});

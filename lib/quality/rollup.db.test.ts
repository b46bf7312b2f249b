import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config';
import type { StrategyConfig } from '../config/types';
import { refreshRollup } from '../rollup/refresh';
import { loadStrategyQuality, type QualityView } from './load';
import { readQualityTime, refreshQualityRollup } from './rollup';
import { readCoveredFlows, readMinuteFlows } from './spans';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDbDate } from '../db/db-time';
import { parseSpreads, writeQuoting } from './rollup-quoting';
import { parseFixed } from '../core/money/fixed';

/**
 * The exactness test of the markout rollup (docs/quality.md#the-rollup-of-markouts): on a
 * generated history (market makers on a USD and a EUR pair and on ETH, an arbitrage, manual
 * trades with the placeholder fundamental value), random windows read through the rollup's
 * buckets give the same markout sums as replaying every fill: identical exact decimals (money,
 * h = 0 money, volume), identical counts and reference sources; the float statistics agree to
 * rounding. The P&L decomposition (its cash flows from the rollup's minute sums) is identical,
 * and so are the quoting figures (counts, fill ratios, lifetime quantiles and histograms) and
 * every exchange's uptime and quoted spread, overall and per slice (the rollup of quoting, for
 * windows of 8 h or more).
 */
const END = new Date('2025-06-13T00:00:00Z');
const DAY = 86_400_000;
const NOW = new Date(END.getTime() + DAY);
const DAYS = 4;
const ETH: StrategyConfig = {
  ...BUILTIN_STRATEGIES.simple_mm,
  key: 'eth',
  strategyActor: 'SIMPLEMARKETMAKINGETH',
  volumeCurrency: 'ETH',
};
const STRATEGIES = [
  BUILTIN_STRATEGIES.simple_mm,
  BUILTIN_STRATEGIES.simple_arb,
  BUILTIN_STRATEGIES.manual,
  ETH,
];

let seeded: SeededDatabases;
let trading: Pool;
let dashboards: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 11, days: DAYS, end: END });
  ({ trading, dashboards } = seeded);
  await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
  await refreshQualityRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
}, 300_000);

afterAll(async () => {
  await seeded?.close();
});

/** A small deterministic generator (mulberry32): the windows are the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exact = (v: QualityView) =>
  v.markouts.map((r) => ({
    h: r.horizon,
    side: r.side,
    fills: r.fills,
    volume: r.volume,
    money: r.money,
    adverse: r.adverse,
    perUnit: r.perUnitExact,
    sources: r.sources,
    unpriced: r.unpriced,
  }));

describe('markout rollup', () => {
  it('has reached the FIFO time minus an hour and holds every reference source', async () => {
    const qt = await readQualityTime(dashboards);
    expect(qt).toBeGreaterThan(END.getTime() - 2 * 3_600_000);
    const [rows] = await dashboards.query(
      'SELECT SUM(`n_fundamental`) AS f, SUM(`n_quote_mid`) AS q, SUM(`n_last_fill`) AS l FROM `rollup_markout` WHERE `level` = 3',
    );
    const r = (rows as Array<{ f: string; q: string; l: string }>)[0];
    expect(Number(r.f)).toBeGreaterThan(0);
    expect(Number(r.q) + Number(r.l)).toBeGreaterThan(0);
  });

  it('holds quoting sums, lifetimes and two-sided time per spread', async () => {
    for (const t of ['rollup_quoting', 'rollup_quote_lifetime', 'rollup_spread']) {
      const [rows] = await dashboards.query(
        `SELECT COUNT(*) AS n FROM \`${t}\` WHERE \`level\` = 1`,
      );
      expect(Number((rows as Array<{ n: string }>)[0].n), t).toBeGreaterThan(0);
    }
  });

  it('rollup_spread: each hour and day holds its minutes’ two-sided time per spread', async () => {
    const [rows] = await dashboards.query(
      'SELECT `actor`, `level`, `bucket`, `exchange`, `spreads` FROM `rollup_spread` ORDER BY `level`',
    );
    const values = new Map<string, number>();
    // actor/exchange/level/bucket start → spread → ms, minutes summed up to hours and days.
    const fromMinutes = new Map<string, Map<number, number>>();
    const stored = new Map<string, Map<number, number>>();
    for (const r of rows as Array<{
      actor: string;
      level: number;
      bucket: string | Date;
      exchange: string;
      spreads: string;
    }>) {
      const t = parseDbDate(r.bucket)!.getTime();
      const sums = parseSpreads(r.spreads, values);
      stored.set(`${r.actor}/${r.exchange}/${r.level}/${t}`, sums);
      if (r.level !== 1) continue;
      for (const [level, size] of [
        [2, 3_600_000],
        [3, DAY],
      ]) {
        const k = `${r.actor}/${r.exchange}/${level}/${Math.floor(t / size) * size}`;
        if (!fromMinutes.has(k)) fromMinutes.set(k, new Map());
        const m = fromMinutes.get(k)!;
        for (const [v, ms] of sums) m.set(v, (m.get(v) ?? 0) + ms);
      }
    }
    let compared = 0;
    for (const [k, sums] of stored) {
      if (k.split('/')[2] === '1') continue;
      expect(sums, k).toEqual(fromMinutes.get(k));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('rollup_spread: a bucket built in two stretches gets both lists, summed when read', async () => {
    const M = 60_000;
    const hour = Date.parse('2020-01-01T10:00:00Z');
    const stretch = (minute: number, spreads: Array<[string, number]>) => ({
      quoting: new Map(),
      pending: [],
      uptime: new Map([
        [
          'TEST_CONCAT\u0000X',
          new Map([[minute, new Map(spreads.map(([v, ms]) => [parseFixed(v), ms] as const))]]),
        ],
      ]),
    });
    const conn = await dashboards.getConnection();
    try {
      await writeQuoting(
        conn,
        stretch(hour, [
          ['1.5', 1000],
          ['2', 500],
        ]),
      );
      await writeQuoting(conn, stretch(hour + 30 * M, [['1.50', 250]]));
    } finally {
      conn.release();
    }
    const [rows] = await dashboards.query(
      "SELECT `level`, `spreads` FROM `rollup_spread` WHERE `actor` = 'TEST_CONCAT' ORDER BY `level`, `bucket`",
    );
    const got = rows as Array<{ level: number; spreads: string }>;
    expect(got.map((r) => [r.level, r.spreads])).toEqual([
      [1, '1.5:1000;2:500'],
      [1, '1.5:250'],
      [2, '1.5:1000;2:500;1.5:250'],
      [3, '1.5:1000;2:500;1.5:250'],
    ]);
    expect(parseSpreads(got[2].spreads, new Map())).toEqual(
      new Map([
        [1.5, 1250],
        [2, 500],
      ]),
    );
    await dashboards.query("DELETE FROM `rollup_spread` WHERE `actor` = 'TEST_CONCAT'");
  });

  it('migration 0027 moves rollup_uptime’s rows into rollup_spread exactly', async () => {
    const sql = readFileSync(path.join(process.cwd(), 'drizzle/0027_rollup_spread.sql'), 'utf8')
      .replaceAll('`rollup_spread`', '`rollup_spread_t`')
      .replaceAll('rollup_spread_pk', 'rollup_spread_t_pk')
      .replaceAll('`rollup_uptime`', '`rollup_uptime_t`')
      .replaceAll('rollup_uptime_pk', 'rollup_uptime_t_pk')
      .split('--> statement-breakpoint');
    // rollup_uptime's rows as 0024 stored them (one per spread, 30 places), from the minutes.
    await dashboards.query(sql[1]);
    await dashboards.query(
      'INSERT INTO `rollup_uptime_t` VALUES (?, 1, ?, ?, ?, ?), (?, 1, ?, ?, ?, ?), (?, 1, ?, ?, ?, ?)',
      [
        ...['A', '2025-06-12 10:00:00', 'X', '0.010000000000000000000000000000', 1500],
        ...['A', '2025-06-12 10:00:00', 'X', '-12.500000000000000000000000000000', 60000],
        ...['A', '2025-06-12 10:00:00', 'X', '100.000000000000000000000000000000', 7],
      ],
    );
    const [minutes] = await dashboards.query(
      "SELECT `actor`, `bucket`, `exchange`, `spreads` FROM `rollup_spread` WHERE `level` = 1 AND `spreads` LIKE '%;%' LIMIT 50",
    );
    const originals = minutes as Array<{
      actor: string;
      bucket: Date | string;
      exchange: string;
      spreads: string;
    }>;
    expect(originals.length).toBeGreaterThan(10);
    for (const m of originals)
      for (const e of m.spreads.split(';')) {
        const [spread, ms] = e.split(':');
        await dashboards.query(
          'INSERT INTO `rollup_uptime_t` VALUES (?, 2, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `ms` = `ms` + VALUES(`ms`)',
          [m.actor, parseDbDate(m.bucket), m.exchange, spread, Number(ms)],
        );
      }
    for (const statement of sql) await dashboards.query(statement);
    const [tables] = await dashboards.query("SHOW TABLES LIKE 'rollup_uptime_t'");
    expect(tables).toEqual([]);
    const [moved] = await dashboards.query(
      'SELECT `actor`, `level`, `bucket`, `exchange`, `spreads` FROM `rollup_spread_t` ORDER BY `level`, `bucket`, `exchange`',
    );
    const got = moved as Array<{
      actor: string;
      level: number;
      bucket: Date | string;
      exchange: string;
      spreads: string;
    }>;
    // By hand: trailing zeros trimmed, spreads in order.
    expect(got[0].spreads).toBe('-12.5:60000;0.01:1500;100:7');
    const values = new Map<string, number>();
    expect(got.length).toBe(1 + originals.length);
    for (const m of originals) {
      const row = got.find(
        (g) =>
          g.level === 2 &&
          g.actor === m.actor &&
          g.exchange === m.exchange &&
          parseDbDate(g.bucket)!.getTime() === parseDbDate(m.bucket)!.getTime(),
      );
      expect(row && parseSpreads(row.spreads, values)).toEqual(parseSpreads(m.spreads, values));
    }
    await dashboards.query('DROP TABLE `rollup_spread_t`');
  });

  it('position flows: rollup_position and the largest buckets = rollup_fill minute by minute', async () => {
    const next = prng(9);
    const M = 60_000;
    const qt = await readQualityTime(dashboards);
    for (let i = 0; i < 6; i++) {
      const config = STRATEGIES[i % STRATEGIES.length];
      const from = END.getTime() - DAYS * DAY + Math.floor(next() * 2 * 1440) * M;
      const to = Math.min(qt, from + Math.floor((0.1 + next() * 2) * 1440) * M);
      const q = {
        actor: config.strategyActor,
        vc: (config.volumeCurrency ?? 'BTC').toUpperCase(),
        pc: (config.priceCurrency ?? 'USD').toUpperCase(),
        from,
        to,
      };
      const sum = (fs: Awaited<ReturnType<typeof readMinuteFlows>>['fills']) => {
        const position = new Map<number, bigint>();
        const totals = new Map<string, { notional: bigint; fee: bigint; count: number }>();
        for (const f of fs) {
          const d = f.side === 'BID' ? f.volume : -f.volume;
          if (d !== 0n) position.set(f.time, (position.get(f.time) ?? 0n) + d);
          const k = `${f.exchange}/${f.side}`;
          if (f.count === 0) continue;
          const t = totals.get(k) ?? { notional: 0n, fee: 0n, count: 0 };
          t.notional += f.notional;
          t.fee += f.fee ?? 0n;
          t.count += f.count ?? 1;
          totals.set(k, t);
        }
        for (const [t, d] of position) if (d === 0n) position.delete(t);
        return { position, totals };
      };
      const plain = await readMinuteFlows(dashboards, q);
      const fast = await readCoveredFlows(dashboards, q);
      expect(fast.unvaluedFees).toBe(plain.unvaluedFees);
      expect(sum(fast.fills)).toEqual(sum(plain.fills));
      if (i === 0) expect(plain.fills.length).toBeGreaterThan(0);
    }
  });

  it('random windows: rollup path = every fill replayed, exactly', async () => {
    const next = prng(42);
    const start0 = END.getTime() - DAYS * DAY;
    let covered = 0;
    let withFills = 0;
    let decomposed = 0;
    let quotingCovered = 0;
    let quoted = 0;
    for (let i = 0; i < 16; i++) {
      const config = STRATEGIES[i % STRATEGIES.length];
      const start = start0 + Math.floor(next() * (DAYS - 0.5) * 86_400) * 1000;
      const length = (2 * 3600 + Math.floor(next() * 3 * 86_400)) * 1000;
      const window = { start: new Date(start), end: new Date(start + length) };
      const pools = { trading, dashboards };
      const [viaRollup, viaFills] = await Promise.all([
        loadStrategyQuality(config, window, NOW, pools, { path: 'rollup' }),
        loadStrategyQuality(config, window, NOW, pools, { path: 'fills' }),
      ]);
      const label = `${config.key} ${window.start.toISOString()} + ${length / 1000} s`;
      if (viaRollup.markoutPath === 'rollup') covered++;
      if (viaFills.markouts[0].fills > 0 && viaFills.markouts[0].money !== '0') withFills++;
      if (viaFills.decomposition !== null) decomposed++;
      expect(viaFills.markoutPath, label).toBe('fills');
      expect(exact(viaRollup), label).toEqual(exact(viaFills));
      viaRollup.markouts.forEach((r, k) => {
        const f = viaFills.markouts[k];
        for (const [a, b] of [
          [r.bps.fill?.mean, f.bps.fill?.mean],
          [r.perUnit.size?.ci, f.perUnit.size?.ci],
          [r.bps.size?.mean, f.bps.size?.mean],
        ])
          if (a === undefined || a === null) expect(b ?? null, label).toBe(a ?? null);
          else
            expect(Math.abs(a - (b as number)), label).toBeLessThanOrEqual(
              1e-9 * (1 + Math.abs(a)),
            );
      });
      expect(viaRollup.decomposition, label).toEqual(viaFills.decomposition);
      expect(viaRollup.quoting, label).toEqual(viaFills.quoting);
      // Uptime and quoted spread per exchange, overall and per slice: identical numbers.
      expect(viaRollup.exchanges, label).toEqual(viaFills.exchanges);
      if (viaRollup.quotingPath === 'rollup') quotingCovered++;
      if (viaFills.quoting.placed > 0 && viaFills.exchanges.some((e) => e.uptime.median !== null))
        quoted++;
      expect(viaRollup.fills, label).toBe(viaFills.fills);
    }
    expect(covered).toBeGreaterThanOrEqual(8);
    expect(withFills).toBeGreaterThanOrEqual(8);
    expect(decomposed).toBeGreaterThanOrEqual(8);
    expect(quotingCovered).toBeGreaterThanOrEqual(8);
    expect(quoted).toBeGreaterThanOrEqual(8);
  }, 300_000);
});

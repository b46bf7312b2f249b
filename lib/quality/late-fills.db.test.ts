import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { connectUrl } from '../../tests/helpers/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config';
import { toDbDate } from '../db/db-time';
import { refreshRollup } from '../rollup/refresh';
import { loadStrategyQuality, type QualityView } from './load';
import { readQualityTime, refreshQualityRollup, rewindQualityRollup } from './rollup';

/**
 * A fill recorded long after it happened (a backfill, a bot's late batch) gets an id above the
 * rollup's mark but a time the markouts have already passed. Until the rollup takes it, a
 * window covering that time replays every fill; once the rollup has taken it, the job rewinds
 * the markouts to its day (lib/background/scheduler.ts: refreshRollup's oldestAdded, then
 * rewindQualityRollup), and the rollup path counts it again: both equal to replaying every fill.
 */
const END = new Date('2025-03-05T00:00:00Z');
const DAY = 86_400_000;
const NOW = new Date(END.getTime() + DAY);
const MM = BUILTIN_STRATEGIES.simple_mm;
// A whole day inside the history: a window of 8 h or more, read through the rollup.
const WINDOW = { start: new Date(END.getTime() - 2 * DAY), end: new Date(END.getTime() - DAY) };

let seeded: SeededDatabases;
let trading: Pool;
let dashboards: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 7, days: 3, end: END });
  ({ trading, dashboards } = seeded);
  await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
  await refreshQualityRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
}, 300_000);

afterAll(async () => {
  await seeded?.close();
});

const exact = (v: QualityView) =>
  v.markouts.map((r) => ({
    h: r.horizon,
    side: r.side,
    fills: r.fills,
    volume: r.volume,
    money: r.money,
    sources: r.sources,
  }));
const pools = () => ({ trading, dashboards });
const allAtZero = (v: QualityView) =>
  v.markouts.find((r) => r.horizon === '0s' && r.side === 'ALL')!;
const load = (path: 'auto' | 'fills') => loadStrategyQuality(MM, WINDOW, NOW, pools(), { path });

describe('a fill recorded after the markouts passed its time', () => {
  it('is replayed until the rollup takes it, then counted by the rewound rollup', async () => {
    expect(await readQualityTime(dashboards)).toBeGreaterThan(WINDOW.end.getTime());
    const before = await load('auto');
    expect(before.markoutPath).toBe('rollup');
    expect(exact(before)).toEqual(exact(await load('fills')));

    // A copy of one of the market maker's fills in the window, 30 s later, with a new id.
    const conn = await connectUrl(seeded.dbs.tradingWriteUrl!);
    let lateTime: number;
    try {
      const [[fill]] = await conn.query<RowDataPacket[]>(
        "SELECT t.`trade_id`, DATE_FORMAT(t.`time_created`, '%Y-%m-%d %H:%i:%s') AS t FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` " +
          'WHERE o.`actor` = ? AND t.`time_created` >= ? AND t.`time_created` < ? ORDER BY t.`trade_id` LIMIT 1',
        [MM.strategyActor, '2025-03-03 12:00:00', '2025-03-03 13:00:00'],
      );
      expect(fill).toBeDefined();
      const [[max]] = await conn.query<RowDataPacket[]>('SELECT MAX(`trade_id`) AS m FROM `trade`');
      const id = Number(max.m) + 1;
      lateTime = Date.parse(`${String(fill.t).replace(' ', 'T')}Z`) + 30_000;
      await conn.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `exchange_trade_id`, `time_created`, `price`, `price_currency`, ' +
          '`volume`, `volume_currency`, `fee`, `fee_currency`, `order_id`) ' +
          'SELECT ?, `trade_type`, ?, ?, ?, `price`, `price_currency`, `volume`, `volume_currency`, `fee`, `fee_currency`, `order_id` ' +
          'FROM `trade` WHERE `trade_id` = ?',
        [id, `late-${id}`, `late-${id}`, toDbDate(new Date(lateTime)), fill.trade_id],
      );
    } finally {
      await conn.end();
    }

    // Ahead of the rollup: every fill replayed, the new one included, and the page says why.
    const raw = await load('fills');
    expect(allAtZero(raw).fills).toBe(allAtZero(before).fills + 1);
    const ahead = await load('auto');
    expect(ahead.markoutPath).toBe('fills');
    expect(exact(ahead)).toEqual(exact(raw));
    expect(ahead.notes.join(' ')).toContain('recorded after the rollup passed their time');

    // The rollup takes it and reports how old it is; the markouts are rewound to its day.
    const progress = await refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW });
    expect(progress.oldestAdded).toBe(lateTime);
    await rewindQualityRollup(dashboards, progress.oldestAdded!, NOW);
    expect(await readQualityTime(dashboards)).toBeLessThanOrEqual(lateTime);
    await refreshQualityRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
    const after = await load('auto');
    expect(after.markoutPath).toBe('rollup');
    expect(exact(after)).toEqual(exact(raw));
  }, 300_000);
});

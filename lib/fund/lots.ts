import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { floorDay } from './domain/days';
import { fx } from './domain/math';
import type { StrategyPositions } from './domain/strategies';
import type { LotFill } from './domain/types';
import { listLotCandidates } from './queries/fills';
import { lotSearchStart } from '../rollup/read';

/**
 * The fills that make up each strategy's open position at the window's start and end (newest
 * first, only as many as the position needs): a handful per strategy, read a page at a time
 * from the day the rollup says they start. Pages grow (64, 512, 4096 rows): a busy
 * strategy's lots are its last few fills, and a small LIMIT lets MariaDB stop scanning the
 * time index early. (`order.actor` has no index in Gryphon's schema, so a rare actor's lots
 * cost a scan of every fill since the day they start: about 0.35 s per day of 40,000 fills.)
 */
const FIRST_PAGE = 64;
const MAX_PAGE = 4096;

export interface StrategyLotFills {
  atStart: LotFill[];
  atEnd: LotFill[];
}

export async function loadLotFills(
  trading: Pool,
  dashboards: Pool,
  strategies: ReadonlyMap<string, StrategyPositions>,
  window: { start: Date; end: Date },
): Promise<Map<string, StrategyLotFills>> {
  // Independent searches: run together (the pool bounds how many reach the server at once).
  const entries = await Promise.all(
    [...strategies].map(async ([id, s]) => {
      const [atStart, atEnd] = await Promise.all([
        lotsAt(trading, dashboards, s, s.opening, window.start),
        lotsAt(trading, dashboards, s, s.closing, window.end),
      ]);
      return [id, { atStart, atEnd }] as const;
    }),
  );
  return new Map(entries);
}

async function lotsAt(
  trading: Pool,
  dashboards: Pool,
  s: StrategyPositions,
  position: Fixed,
  at: Date,
): Promise<LotFill[]> {
  if (position === 0n) return [];
  const side = position > 0n ? 'BID' : 'ASK';
  const needed = position > 0n ? position : -position;
  const { actor, volumeCurrency } = s.key;
  const from = await lotSearchStart(dashboards, {
    actor,
    volumeCurrency,
    side,
    needed,
    covered: 0n,
    beforeDay: new Date(floorDay(at.getTime())),
  });
  const lots: LotFill[] = [];
  let covered = 0n;
  for (
    let offset = 0, limit = FIRST_PAGE;
    covered < needed;
    offset += limit, limit = Math.min(limit * 8, MAX_PAGE)
  ) {
    const page = await listLotCandidates(trading, {
      actor,
      volumeCurrency,
      side,
      from,
      before: at,
      limit,
      offset,
    });
    for (const lot of page) {
      lots.push(lot);
      covered += fx(lot.volume);
      if (covered >= needed) break;
    }
    if (page.length < limit) break;
  }
  return lots;
}

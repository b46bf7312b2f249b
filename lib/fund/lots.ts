import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { Fixed } from '../domain/fixed';
import { dayOf } from '../domain/fund-days';
import { fx } from '../domain/fund-math';
import type { StrategyPositions } from '../domain/fund-strategies';
import type { LotFill } from '../domain/fund-types';
import { listLotCandidates } from '../trading-db/fund-fills';
import { lotSearchStart } from './checkpoint-reads';

/**
 * The fills that make up each strategy's open position at the window's start and end (newest
 * first, only as many as the position needs): a handful per strategy, read a page at a time
 * from the day the checkpoints say they start.
 */
const PAGE = 2000;

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
      const [atStart, atEnd] = await Promise.all([lotsAt(trading, dashboards, s, s.opening, window.start), lotsAt(trading, dashboards, s, s.closing, window.end)]);
      return [id, { atStart, atEnd }] as const;
    }),
  );
  return new Map(entries);
}

async function lotsAt(trading: Pool, dashboards: Pool, s: StrategyPositions, position: Fixed, at: Date): Promise<LotFill[]> {
  if (position === 0n) return [];
  const side = position > 0n ? 'BID' : 'ASK';
  const needed = position > 0n ? position : -position;
  const { actor, volumeCurrency } = s.key;
  const from = await lotSearchStart(dashboards, { actor, volumeCurrency, side, needed, covered: 0n, beforeDay: dayOf(at.getTime()) });
  const lots: LotFill[] = [];
  let covered = 0n;
  for (let offset = 0; covered < needed; offset += PAGE) {
    const page = await listLotCandidates(trading, { actor, volumeCurrency, side, from, before: at, limit: PAGE, offset });
    for (const lot of page) {
      lots.push(lot);
      covered += fx(lot.volume);
      if (covered >= needed) break;
    }
    if (page.length < PAGE) break;
  }
  return lots;
}

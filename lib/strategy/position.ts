import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { startOfUtcDay } from '../core/time/calendar';
import { readFillSums } from '../rollup/read';

/**
 * A strategy's position at an instant, from the rollup (lib/rollup/read.ts): whole buckets of
 * the history, and the fills no bucket covers (the instant's own minute, anything above the
 * mark) read live. Cost grows with the number of buckets, not with the number of fills.
 */
export interface OpeningPosition {
  position: Fixed;
  /** Same-side volume of the partial first day [day start, at), to plan the lot search. */
  partialDay: { bid: Fixed; ask: Fixed };
  dayStart: Date;
}

export async function openingPosition(
  trading: Pool,
  dashboards: Pool,
  q: { actor: string; volumeCurrency: string; at: Date; mark: number },
): Promise<OpeningPosition> {
  const cur = q.volumeCurrency.toUpperCase();
  const dayStart = startOfUtcDay(q.at);
  const sides = async (from: Date | null, to: Date) => {
    const rows = await readFillSums(trading, dashboards, {
      from,
      to,
      byDay: false,
      actor: q.actor,
      mark: q.mark,
    });
    const out = { bid: 0n, ask: 0n };
    for (const r of rows)
      if (r.volumeCurrency === cur) out[r.side === 'BID' ? 'bid' : 'ask'] += r.volume;
    return out;
  };
  const [days, partial] = await Promise.all([sides(null, dayStart), sides(dayStart, q.at)]);
  return {
    position: days.bid + partial.bid - days.ask - partial.ask,
    partialDay: partial,
    dayStart,
  };
}

/** The volume currency the actor has traded most: the fallback when its window has no fill. */
export async function usualVolumeCurrency(dashboards: Pool, actor: string): Promise<string | null> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `volume_currency` AS cur FROM `rollup_fill` WHERE `actor` = ? AND `level` = 3 GROUP BY `volume_currency` ' +
      'ORDER BY SUM(`fill_count`) DESC LIMIT 1',
    [actor.toUpperCase()],
  );
  return rows.length && rows[0].cur ? String(rows[0].cur) : null;
}

import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { fx } from './domain/math';
import type { FillSums } from './domain/types';
import { toFillSums } from './queries/fills';

/** Reads of `fund_daily_fill` (see checkpoints.ts); days are 'YYYY-MM-DD', toDay exclusive. */
const KEYS =
  '`account`, `actor`, `side`, `price_currency` AS pc, `volume_currency` AS vc, `fee_currency` AS fc, `rated`';
const SUMS =
  'SUM(`volume`) AS volume, SUM(`price`) AS price, SUM(`price_usd`) AS priceUsd, SUM(`fee`) AS fee, SUM(`fill_count`) AS n';

export async function readCheckpointSums(
  dashboards: Pool,
  q: { fromDay: string | null; toDay: string; byDay: boolean },
): Promise<FillSums[]> {
  const day = q.byDay ? "DATE_FORMAT(`day`, '%Y-%m-%d') AS day, " : '';
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT ${day}${KEYS}, ${SUMS} FROM \`fund_daily_fill\` WHERE \`day\` < ?${q.fromDay ? ' AND `day` >= ?' : ''} ` +
      `GROUP BY ${q.byDay ? 'day, ' : ''}\`account\`, \`actor\`, \`side\`, pc, vc, fc, \`rated\``,
    [q.toDay, ...(q.fromDay ? [q.fromDay] : [])],
  );
  return rows.map(toFillSums);
}

/**
 * The rated fills of the nearest checkpointed day before `day` (or after it) on which
 * `currency` was traded, as a volume or a price currency: where a carried rate comes from.
 */
export async function nearestTradedDay(
  dashboards: Pool,
  q: { currency: string; day: string; direction: 'before' | 'after' },
): Promise<FillSums[]> {
  const before = q.direction === 'before';
  const [found] = await dashboards.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(${before ? 'MAX' : 'MIN'}(\`day\`), '%Y-%m-%d') AS day FROM \`fund_daily_fill\` ` +
      `WHERE \`rated\` = 1 AND \`day\` ${before ? '<' : '>'} ? AND (\`volume_currency\` = ? OR \`price_currency\` = ?)`,
    [q.day, q.currency, q.currency],
  );
  const day = found[0]?.day;
  if (!day) return [];
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(\`day\`, '%Y-%m-%d') AS day, ${KEYS}, ${SUMS} FROM \`fund_daily_fill\` ` +
      'WHERE `rated` = 1 AND `day` = ? AND (`volume_currency` = ? OR `price_currency` = ?) ' +
      'GROUP BY day, `account`, `actor`, `side`, pc, vc, fc, `rated`',
    [day, q.currency, q.currency],
  );
  return rows.map(toFillSums);
}

/**
 * The earliest day from which a strategy's same-side fills, with `covered` already found on
 * later days, add up to `needed`: its open lots lie between that day and the instant. Walks
 * the checkpoint days backwards; epoch 0 when the checkpoints do not reach that far.
 */
export async function lotSearchStart(
  dashboards: Pool,
  q: {
    actor: string;
    volumeCurrency: string;
    side: 'BID' | 'ASK';
    needed: Fixed;
    covered: Fixed;
    beforeDay: string;
  },
): Promise<Date> {
  let covered = q.covered;
  let before = q.beforeDay;
  let from = new Date(`${q.beforeDay}T00:00:00Z`);
  while (covered < q.needed) {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      "SELECT DATE_FORMAT(`day`, '%Y-%m-%d') AS day, SUM(`volume`) AS v FROM `fund_daily_fill` " +
        'WHERE `actor` = ? AND `volume_currency` = ? AND `side` = ? AND `day` < ? GROUP BY `day` ORDER BY `day` DESC LIMIT 200',
      [q.actor, q.volumeCurrency, q.side, before],
    );
    if (rows.length === 0) return new Date(0);
    for (const r of rows) {
      covered += fx(String(r.v));
      from = new Date(`${r.day}T00:00:00Z`);
      if (covered >= q.needed) break;
    }
    before = String(rows[rows.length - 1].day);
  }
  return from;
}

import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { toDbDate } from '../db/db-time';
import { parseFixedOrZero } from '../core/money/fixed';
import { listOwnOrders, OWN_ORDERS_SQL } from './queries';

/**
 * The strategy's orders with their filled volumes (listOwnOrders) read by the `time_created`
 * range with a correlated sum give exactly what the plain join with GROUP BY gives, on a
 * generated history: every actor, windows of several lengths, the actor in any case.
 */
const END = new Date('2025-06-13T00:00:00Z');
const DAY = 86_400_000;
const PLAIN_SQL =
  'SELECT o.`order_id`, o.`time_created`, o.`time_executed`, o.`order_type`, o.`price`, o.`volume`, ' +
  "COALESCE(o.`exchange_name`, ''), COALESCE(SUM(t.`volume`), 0) " +
  'FROM `order` o LEFT JOIN `trade` t ON t.`order_id` = o.`order_id` ' +
  'WHERE o.`time_created` >= ? AND o.`time_created` < ? AND UPPER(o.`actor`) = ? ' +
  'GROUP BY o.`order_id` ORDER BY o.`time_created`, o.`order_id`';

let seeded: SeededDatabases;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 5, days: 3, end: END });
}, 300_000);

afterAll(async () => {
  await seeded?.close();
});

describe('listOwnOrders', () => {
  it('reads the same orders and filled volumes as the join with GROUP BY', async () => {
    const [actors] = await seeded.trading.query<RowDataPacket[]>(
      'SELECT DISTINCT `actor` FROM `order` ORDER BY `actor`',
    );
    expect(actors.length).toBeGreaterThan(1);
    let compared = 0;
    let filled = 0;
    let unfilled = 0;
    for (const { actor } of actors as Array<{ actor: string }>)
      for (const [start, end] of [
        [END.getTime() - 3 * DAY, END.getTime()],
        [END.getTime() - DAY - 3_600_000, END.getTime() - DAY + 7_200_000],
        [END.getTime() - 2 * DAY + 1234, END.getTime() - 2 * DAY + 60_000],
      ]) {
        const values = [toDbDate(new Date(start)), toDbDate(new Date(end)), actor.toUpperCase()];
        const [plain] = await seeded.trading.query<RowDataPacket[]>({
          sql: PLAIN_SQL,
          values,
          rowsAsArray: true,
        });
        const [fast] = await seeded.trading.query<RowDataPacket[]>({
          sql: OWN_ORDERS_SQL,
          values,
          rowsAsArray: true,
        });
        expect(fast).toEqual(plain);
        const read = await listOwnOrders(seeded.trading, {
          actor: actor.toLowerCase(),
          from: new Date(start),
          to: new Date(end),
        });
        expect(read.map((o) => [o.orderId, o.filledVolume])).toEqual(
          plain.map((r) => [r[0], parseFixedOrZero(r[7] as string)]),
        );
        compared += plain.length;
        for (const o of read)
          if (o.filledVolume > 0n) filled++;
          else unfilled++;
      }
    expect(compared).toBeGreaterThan(100);
    expect(filled).toBeGreaterThan(0);
    expect(unfilled).toBeGreaterThan(0);
  }, 120_000);
});

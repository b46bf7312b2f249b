import { ACCOUNTS } from './accounts';
import type { SeedContext } from './context';
import { formatUnits, VOLUME_SCALE } from './fixed';
import { heldCurrencies } from './ledger';
import type { OrderDesk } from './orders';
import type { Schedule } from './schedule';
import type { Treasury } from './treasury';

const DAY = 86_400;

/** BTC moves every ~1.5 days and wires every ~2.5 days, plus a few still under way at the end. */
export function scheduleRoutineTransfers(
  ctx: SeedContext,
  treasury: Treasury,
  schedule: Schedule,
): void {
  const { rng, start, end } = ctx;
  const span = end - start;
  for (const [kind, every] of [
    ['btc', 1.5 * DAY],
    ['wire', 2.5 * DAY],
  ] as const) {
    for (
      let t = start + rng.range(0.1, 0.9) * Math.min(every, span);
      t < end - 12 * 3600;
      t += every * rng.range(0.6, 1.4)
    ) {
      schedule.add(t, (time) => treasury.routine(time, kind));
    }
  }
  schedule.add(end - rng.int(10, 40) * 60, (time) => treasury.routine(time, 'btc'));
  schedule.add(end - rng.int(4, 7) * 3600, (time) => treasury.routine(time, 'wire', true));
  schedule.add(end - rng.int(90, 150) * 60, (time) => treasury.routine(time, 'wire', true));
}

/** The `exchange` rows, written last: `balance` is each account's ledger at the end. */
export function writeExchanges(ctx: SeedContext, desk: OrderDesk): void {
  for (const account of ACCOUNTS) {
    const multi =
      account.kind === 'pair'
        ? formatUnits(desk.multiPosition.get(account.id) ?? 0, VOLUME_SCALE)
        : null;
    ctx.rows.push('exchange', [
      String(account.id),
      ctx.ids.hex(),
      account.name,
      '{}',
      '{}',
      JSON.stringify(ctx.ledger.moneyDict(account, heldCurrencies(account))),
      multi,
    ]);
  }
}

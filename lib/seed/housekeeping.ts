import { ACCOUNTS } from './accounts';
import type { SeedContext } from './context';
import { formatUnits, VOLUME_SCALE } from './fixed';
import { heldCurrencies } from './ledger';
import type { OrderDesk } from './orders';
import type { Schedule } from './schedule';
import type { Treasury } from './treasury';

const DAY = 86_400;

/**
 * BTC moves every ~1.5 days and wires every ~2.5 days; dollars to KRAKEN_BTC_EUR's euros at a
 * third and two thirds of the history; and, still under way at the end, a BTC move, a wire in
 * each form and a euro wire.
 */
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
  schedule.add(end - rng.int(4, 7) * 3600, (time) =>
    treasury.routine(time, 'wire', true, 'gryphon'),
  );
  schedule.add(end - rng.int(90, 150) * 60, (time) =>
    treasury.routine(time, 'wire', true, 'reference'),
  );

  const { forms } = ctx;
  const eurWire = (at: number, hoursMin: number) => {
    const cents = forms.int(1, 3) * 100_000_00;
    const hours = forms.range(hoursMin, 30);
    schedule.add(at, (time) => treasury.eurWire(cents, time, hours));
  };
  eurWire(start + span / 3 + forms.int(0, 6 * 3600), 4);
  eurWire(start + (2 * span) / 3 + forms.int(0, 6 * 3600), 4);
  eurWire(end - forms.int(3 * 3600, 6 * 3600), 8);
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

import { ACCOUNTS, BANK, BURN, type Currency } from './accounts';
import type { SeedContext } from './context';
import { recordBankBotTransfer } from './fiat-withdrawal';
import type { Schedule } from './schedule';
import { money, type Transactions } from './transactions';

const DAY = 86_400;

/**
 * Recurring operating costs paid from the bank into BURN (USD). `bankBot`: booked as Gryphon's
 * bank bot books an unexpected withdrawal under its 10,000 USD BURN_THRESHOLD (`record_burn`:
 * identical `{"description"}` on both legs, no id, no fee). Payroll is above the threshold and
 * colocation is paid by wire with a fee: those two are entered by hand with the bank's reference.
 */
const COSTS = [
  { description: 'AWS invoice', everyDays: 7, min: 1_800, max: 3_600, fee: 0, bankBot: true },
  { description: 'Payroll', everyDays: 14, min: 38_000, max: 46_000, fee: 0, bankBot: false },
  { description: 'Office rent', everyDays: 30, min: 9_500, max: 9_500, fee: 0, bankBot: true },
  {
    description: 'Colocation (Equinix NY4)',
    everyDays: 30,
    min: 4_800,
    max: 4_800,
    fee: 25,
    bankBot: false,
  },
  {
    description: 'Market data subscription',
    everyDays: 30,
    min: 1_200,
    max: 1_350,
    fee: 0,
    bankBot: true,
  },
];

/** What `gryphon-exec initialize-ledger` writes: one COMPLETED deposit per starting balance. */
export function initializeLedger(ctx: SeedContext, tx: Transactions): void {
  for (const account of ACCOUNTS) {
    for (const [currency, amount] of Object.entries(account.initial) as [Currency, string][]) {
      tx.completed(
        {
          type: 'DEPOSIT',
          account,
          amount: money(Number(amount), currency),
          details: { notes: `Initializing the db's ${currency} balance` },
        },
        ctx.start,
      );
    }
  }
}

/**
 * Operating costs (bank WITHDRAWL + BURN DEPOSIT, booked by the bank bot or by hand with a shared
 * external_transaction_id), two refunds the other way (bank bot reverse burns), and the external
 * capital flows with no counterpart in our books: partners' contribution, a loan and its
 * repayment, an investor's subscription and distributions to the partners. The loan and the
 * investment are also liabilities.
 */
export function scheduleCapital(ctx: SeedContext, tx: Transactions, schedule: Schedule): void {
  const { rng, start, end } = ctx;
  const span = end - start;
  const at = (fraction: number) => start + Math.floor(span * fraction) + rng.int(1, 3000);
  const ref = () => `W${ctx.ids.hex(5).toUpperCase()}`;
  const external =
    (type: 'DEPOSIT' | 'WITHDRAWL', usd: number, notes: string, fee = 0) =>
    (time: number) =>
      tx.completed(
        {
          type,
          account: BANK,
          amount: money(usd, 'USD'),
          ...(fee ? { fee: money(fee, 'USD') } : {}),
          details: { external_transaction_id: ref(), notes },
        },
        time,
      );

  for (const cost of COSTS) {
    const every = cost.everyDays * DAY;
    for (
      let t = start + rng.range(0.05, 0.95) * Math.min(every, span);
      t < end;
      t += every + rng.int(-6, 6) * 3600
    ) {
      const usd = rng.int(cost.min * 100, cost.max * 100) / 100;
      schedule.add(t, (time) => {
        if (cost.bankBot) {
          recordBankBotTransfer(ctx, tx, BANK, BURN, money(usd, 'USD'), cost.description, time);
          return;
        }
        const details = { external_transaction_id: ref(), description: cost.description };
        const amount = money(usd, 'USD');
        tx.completed(
          {
            type: 'WITHDRAWL',
            account: BANK,
            amount,
            ...(cost.fee ? { fee: money(cost.fee, 'USD') } : {}),
            details,
          },
          time,
        );
        tx.completed({ type: 'DEPOSIT', account: BURN, amount, details }, time);
      });
    }
  }
  const refund = (usd: number, description: string) => (time: number) =>
    recordBankBotTransfer(ctx, tx, BURN, BANK, money(usd, 'USD'), description, time);
  schedule.add(at(0.6), refund(400, 'Refund: AWS credit'));
  schedule.add(
    start + Math.floor(span * 0.8) + ctx.forms.int(1, 3000),
    refund(ctx.forms.int(80_00, 240_00) / 100, 'Refund: Market data subscription (overbilled)'),
  );

  schedule.add(at(0.1), external('DEPOSIT', 150_000, 'Capital contribution from the partners'));
  schedule.add(at(0.5), external('WITHDRAWL', 40_000, 'Distribution to the partners', 25));
  schedule.add(at(0.9), external('WITHDRAWL', 40_000, 'Distribution to the partners', 25));

  const loanStart = at(0.2);
  const loanEnd = at(0.75);
  const principal = 250_000;
  const interest = Math.round(principal * 0.08 * ((loanEnd - loanStart) / (365 * DAY)) * 100) / 100;
  schedule.add(loanStart, external('DEPOSIT', principal, 'Loan proceeds: Northern Credit Union'));
  schedule.add(
    loanEnd,
    external(
      'WITHDRAWL',
      principal + interest,
      'Loan repayment: Northern Credit Union (principal + interest)',
      25,
    ),
  );
  liability(ctx, principal, 'FIXED_INTEREST', 'Northern Credit Union', loanStart, loanEnd, {
    interest_rate: '0.08',
    compounding_period: 12,
  });

  const investment = at(0.35);
  schedule.add(
    investment,
    external('DEPOSIT', 500_000, 'Investor subscription: Harbour Capital LP'),
  );
  liability(ctx, 500_000, 'PERFORMANCE', 'Harbour Capital LP', investment, null, null);
}

function liability(
  ctx: SeedContext,
  usd: number,
  type: 'FIXED_INTEREST' | 'PERFORMANCE',
  entity: string,
  started: number,
  repaid: number | null,
  details: Record<string, unknown> | null,
): void {
  const id = ctx.rows.counts.liability + 1;
  const time = ctx.clock.format(started);
  ctx.rows.push('liability', [
    String(id),
    ctx.ids.hex(),
    time,
    usd.toFixed(2),
    'USD',
    type,
    entity,
    time,
    repaid === null ? null : ctx.clock.format(repaid),
    JSON.stringify(details),
  ]);
}

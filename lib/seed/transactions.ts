import { isCrypto, type Account, type Currency } from './accounts';
import type { SeedContext } from './context';
import { formatUnits, PRICE_SCALE, toLedger, VOLUME_SCALE } from './fixed';

/** An amount in integer units of its currency: cents for fiat, 10^-8 for crypto. */
export interface Money {
  units: number;
  currency: Currency;
}

export const scaleOf = (c: Currency) => (isCrypto(c) ? VOLUME_SCALE : PRICE_SCALE);
export const money = (amount: number, currency: Currency): Money => ({
  units: Math.round(amount * 10 ** scaleOf(currency)),
  currency,
});

export interface TransactionSpec {
  /** As Gryphon stores it, misspelling included. */
  type: 'DEPOSIT' | 'WITHDRAWL';
  account: Account;
  amount: Money;
  fee?: Money;
  details: Record<string, unknown>;
}

interface Pending {
  id: number;
  spec: TransactionSpec;
  created: number;
  completeAt: number;
  uniqueId: string;
}

/**
 * Writes `transaction` rows and applies them to the ledger when (and only when) they are
 * COMPLETED: an IN_TRANSIT deposit waits here until its completion time, and one still in
 * transit at the end of the history is written IN_TRANSIT with no time_completed.
 */
export class Transactions {
  private pending: Pending[] = [];
  readonly statusCounts = { COMPLETED: 0, IN_TRANSIT: 0 };

  constructor(private readonly ctx: SeedContext) {}

  completed(spec: TransactionSpec, time: number): void {
    this.apply(spec);
    this.write(this.ctx.next.transaction++, spec, this.ctx.ids.hex(), time, time);
  }

  /** Starts a transfer that lands at `completeAt` (possibly after the end of the history). */
  inTransit(spec: TransactionSpec, created: number, completeAt: number): void {
    const p = {
      id: this.ctx.next.transaction++,
      spec,
      created,
      completeAt,
      uniqueId: this.ctx.ids.hex(),
    };
    this.pending.push(p);
    this.pending.sort((x, y) => x.completeAt - y.completeAt || x.id - y.id);
  }

  /** Completes every pending transfer due before `time`. */
  completeDue(time: number): void {
    while (this.pending.length > 0 && this.pending[0].completeAt < time) {
      const p = this.pending.shift() as Pending;
      this.apply(p.spec);
      this.write(p.id, p.spec, p.uniqueId, p.created, p.completeAt);
    }
  }

  /** Whether a transfer of `currency` into `account` is still on its way. */
  hasPendingInto(account: Account, currency: Currency): boolean {
    return this.pending.some(
      (p) => p.spec.account === account && p.spec.amount.currency === currency,
    );
  }

  /** End of the history: what has not landed stays IN_TRANSIT. */
  finish(): void {
    for (const p of this.pending) this.write(p.id, p.spec, p.uniqueId, p.created, null);
    this.pending = [];
  }

  private apply(spec: TransactionSpec): void {
    const { ledger } = this.ctx;
    const { amount, fee } = spec;
    const sign = spec.type === 'DEPOSIT' ? 1n : -1n;
    ledger.add(
      spec.account,
      amount.currency,
      sign * toLedger(amount.units, scaleOf(amount.currency)),
    );
    if (fee && fee.units !== 0)
      ledger.add(spec.account, fee.currency, -toLedger(fee.units, scaleOf(fee.currency)));
  }

  private write(
    id: number,
    spec: TransactionSpec,
    uniqueId: string,
    created: number,
    completed: number | null,
  ): void {
    const { clock } = this.ctx;
    this.statusCounts[completed === null ? 'IN_TRANSIT' : 'COMPLETED']++;
    this.ctx.rows.push('transaction', [
      String(id),
      spec.type,
      completed === null ? 'IN_TRANSIT' : 'COMPLETED',
      uniqueId,
      clock.format(created),
      completed === null ? null : clock.format(completed),
      formatUnits(spec.amount.units, scaleOf(spec.amount.currency)),
      spec.amount.currency,
      spec.fee ? formatUnits(spec.fee.units, scaleOf(spec.fee.currency)) : null,
      spec.fee ? spec.fee.currency : null,
      JSON.stringify(spec.details),
      String(spec.account.id),
      null,
    ]);
  }
}

import { isCrypto, PAIR_ACCOUNTS, type Currency, type PairAccount } from './accounts';
import type { SeedContext } from './context';
import { toLedger } from './fixed';
import { heldCurrencies, moneyRepr } from './ledger';
import { scaleOf, type Transactions } from './transactions';

/** Chance that an hourly audit of one account finds a small difference with the exchange. */
const DRIFT_CHANCE = 0.01;

/**
 * Gryphon's balance audits: every hour each pair account's balance as the exchange reports
 * it is stored as an AUDIT event. The report equals our ledger at that instant, except now
 * and then by a tiny amount; then a drift transaction ({"drift": true}, COMPLETED) is
 * recorded right after, bringing the ledger to the exchange's figure (positive drift, where
 * our books show more than the exchange, is a WITHDRAWL).
 */
export class Auditor {
  private audits = 0;

  constructor(
    private readonly ctx: SeedContext,
    private readonly tx: Transactions,
    /** Audit numbers (counted over the whole history) that must find a drift, so short histories have some. */
    private readonly forcedDrifts: ReadonlySet<number>,
  ) {}

  /** Audits every pair account at `t` (a whole minute; events after it are not yet booked). */
  auditAll(t: number): void {
    for (const account of PAIR_ACCOUNTS) this.audit(account, t);
  }

  private audit(account: PairAccount, t: number): void {
    const { ctx } = this;
    const n = this.audits++;
    const held = heldCurrencies(account);
    const reported = ctx.ledger.moneyDict(account, held);
    let drift: { currency: Currency; units: number } | null = null;
    if (this.forcedDrifts.has(n) || ctx.rng.chance(DRIFT_CHANCE)) {
      const currency = held[n % 2];
      // Crypto: 0.000001-0.0005; fiat: 0.01-5.00 (units of the currency's scale).
      const size = isCrypto(currency) ? ctx.rng.int(100, 50_000) : ctx.rng.int(1, 500);
      drift = { currency, units: ctx.rng.chance(0.5) ? size : -size };
      reported[currency] = moneyRepr(
        currency,
        ctx.ledger.get(account, currency) + toLedger(drift.units, scaleOf(currency)),
      );
    }
    ctx.rows.push('event', [
      `evt_${ctx.ids.hex()}`,
      String(ctx.next.event++),
      ctx.clock.format(t),
      account.name,
      'AUDIT',
      JSON.stringify({ balance_data: reported, order_data: {} }),
    ]);
    if (drift) {
      // The exchange has `units` more than our books: a DEPOSIT; less: a WITHDRAWL.
      this.tx.completed(
        {
          type: drift.units > 0 ? 'DEPOSIT' : 'WITHDRAWL',
          account,
          amount: { units: Math.abs(drift.units), currency: drift.currency },
          details: { drift: true },
        },
        t + ctx.rng.int(1, 5),
      );
    }
  }
}

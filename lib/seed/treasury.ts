import {
  BANK,
  BITSTAMP,
  COINBASE,
  GEMINI,
  KRAKEN,
  type Account,
  type PairAccount,
} from './accounts';
import type { SeedContext } from './context';
import { fiatWithdrawalLegs } from './fiat-withdrawal';
import { unitsOf, VOLUME_SCALE } from './fixed';
import { money, type Money, type Transactions } from './transactions';

const BTC_ACCOUNTS = [BITSTAMP, COINBASE, KRAKEN];
const USD_EXCHANGES = [BITSTAMP, COINBASE, GEMINI];
const MINUTE = 60;
const HOUR = 3600;
const BTC = (x: number) => unitsOf(x, VOLUME_SCALE);

/** Never complete on a whole minute: audits are taken at :00 and must not race a landing. */
const landing = (t: number) => (t % MINUTE === 0 ? t + 1 : t);

/** Fiat withdrawal fees, USD: what the bank charges for a wire, what an exchange charges. */
const WIRE_FEE_USD = { bank: 25, exchange: 15 };

/**
 * How a USD wire is booked. `reference`: by hand, both legs sharing an
 * `external_transaction_id` (each with its own notes), the sender paying the fee on top.
 * `gryphon`: with Gryphon's `record_fiat_withdrawal`, identical details on both legs (`{}` or
 * a `description`), no id, the exchange's fee taken out of the amount and none from the bank.
 */
export type WireForm = 'reference' | 'gryphon';

/**
 * Moves the firm's own money between its accounts, the way an operator does: BTC between
 * exchanges when one runs low (the arbitrage keeps draining one side), dollars between the
 * bank and the exchanges by wire, now and then dollars from the bank to KRAKEN_BTC_EUR's euros.
 * Crypto legs share a `transaction_hash`; wires are booked in one of the two forms of WireForm.
 * The receiving leg is IN_TRANSIT first.
 */
export class Treasury {
  constructor(
    private readonly ctx: SeedContext,
    private readonly tx: Transactions,
  ) {}

  private btc(a: Account): number {
    return Number(this.ctx.ledger.get(a, 'BTC') / 100n);
  }

  private cents(a: Account): number {
    return Number(this.ctx.ledger.get(a, 'USD') / 100_000_000n);
  }

  private target(a: PairAccount, c: 'BTC' | 'USD'): number {
    return money(Number(a.initial[c] ?? 0), c).units;
  }

  cryptoTransfer(from: PairAccount, to: PairAccount, units: number, time: number): void {
    const { rng, ids } = this.ctx;
    const hash = ids.hex(32);
    const amount: Money = { units, currency: 'BTC' };
    const fee: Money = { units: BTC(rng.int(2, 6) / 10_000), currency: 'BTC' };
    this.tx.completed(
      {
        type: 'WITHDRAWL',
        account: from,
        amount,
        fee,
        details: {
          transaction_hash: hash,
          deposit_address: `bc1q${ids.hex(19)}`,
          notes: `Rebalancing BTC to ${to.name}`,
        },
      },
      time,
    );
    this.tx.inTransit(
      {
        type: 'DEPOSIT',
        account: to,
        amount,
        details: { transaction_hash: hash, notes: `Rebalancing BTC from ${from.name}` },
      },
      time,
      landing(time + rng.int(20, 90) * MINUTE + rng.int(0, 59)),
    );
  }

  /** A USD wire of `cents` that lands `hours` later; the form is drawn if not given. */
  wire(
    from: Account,
    to: Account,
    cents: number,
    time: number,
    hours: number,
    form: WireForm = this.ctx.forms.chance(0.5) ? 'gryphon' : 'reference',
  ): void {
    const landsAt = landing(time + Math.round(hours * HOUR) + this.ctx.rng.int(0, 59));
    const fee = money(from.kind === 'bank' ? WIRE_FEE_USD.bank : WIRE_FEE_USD.exchange, 'USD');
    const amount: Money = { units: cents, currency: 'USD' };
    if (form === 'gryphon') {
      const details: Record<string, string> = this.ctx.forms.chance(0.5)
        ? {}
        : { description: `Wire ${from.name} to ${to.name}` };
      const legs = fiatWithdrawalLegs({
        from,
        to,
        amount,
        ...(from.kind === 'bank' ? {} : { fee }),
        details,
      });
      this.tx.completed(legs.withdrawal, time);
      this.tx.inTransit(legs.deposit, time, landsAt);
      return;
    }
    const reference = `W${this.ctx.ids.hex(5).toUpperCase()}`;
    this.tx.completed(
      {
        type: 'WITHDRAWL',
        account: from,
        amount,
        fee,
        details: { external_transaction_id: reference, notes: `Wire to ${to.name}` },
      },
      time,
    );
    this.tx.inTransit(
      {
        type: 'DEPOSIT',
        account: to,
        amount,
        details: { external_transaction_id: reference, notes: `Wire from ${from.name}` },
      },
      time,
      landsAt,
    );
  }

  /**
   * Dollars from the bank to KRAKEN_BTC_EUR, arriving as euros at the moment's EUR/USD (as
   * `order.exchange_rate` has it, 6 decimals), rounded to the cent: `record_fiat_withdrawal`
   * with a `deposit_amount`, so the details are `{"exchange_rate": "<USD/EUR>"}`.
   */
  eurWire(cents: number, time: number, hours: number): void {
    if (this.cents(BANK) < cents + 100_000_00) return;
    const eurUsd = Number(this.ctx.market.rateToUsd(KRAKEN));
    const legs = fiatWithdrawalLegs({
      from: BANK,
      to: KRAKEN,
      amount: { units: cents, currency: 'USD' },
      deposit: { units: Math.round(cents / eurUsd), currency: 'EUR' },
      details: {},
    });
    this.tx.completed(legs.withdrawal, time);
    this.tx.inTransit(legs.deposit, time, landing(time + Math.round(hours * HOUR)));
  }

  /** Hourly check: top up any exchange that is running low on BTC or dollars. */
  rebalance(t: number): void {
    const { rng } = this.ctx;
    for (const to of BTC_ACCOUNTS) {
      const short = this.target(to, 'BTC') - this.btc(to);
      if (short < 0.45 * this.target(to, 'BTC') || this.tx.hasPendingInto(to, 'BTC')) continue;
      this.moveBtc(to, short, t + rng.int(1, 50));
    }
    for (const ex of USD_EXCHANGES) {
      const bal = this.cents(ex);
      const target = this.target(ex, 'USD');
      if (this.tx.hasPendingInto(ex, 'USD') || this.tx.hasPendingInto(BANK, 'USD')) continue;
      if (bal < 0.5 * target) this.wireToExchange(ex, target - bal, t + rng.int(1, 50));
      else if (bal > 1.7 * target)
        this.wire(
          ex,
          BANK,
          roundDown(bal - target, 100_000),
          t + rng.int(1, 50),
          rng.range(20, 44),
        );
    }
  }

  /**
   * Scheduled housekeeping: a BTC move towards the poorest account, or a wire either way.
   * `forceTransit`: a wire that lands at least 8 hours later, booked in `form`.
   */
  routine(t: number, kind: 'btc' | 'wire', forceTransit = false, form?: WireForm): void {
    const { rng } = this.ctx;
    if (kind === 'btc') {
      const to = BTC_ACCOUNTS.reduce((m, a) => (this.btcRatio(a) < this.btcRatio(m) ? a : m));
      this.moveBtc(to, BTC(rng.int(1, 6)), t);
      return;
    }
    const ratio = (a: PairAccount) => this.cents(a) / this.target(a, 'USD');
    const poorest = USD_EXCHANGES.reduce((m, a) => (ratio(a) < ratio(m) ? a : m));
    const richest = USD_EXCHANGES.reduce((m, a) => (ratio(a) > ratio(m) ? a : m));
    const cents = rng.int(5, 20) * 10_000_00;
    const hours = forceTransit ? rng.range(8, 30) : rng.range(3, 30);
    if (this.cents(BANK) > 3 * cents && (ratio(poorest) < 1.1 || rng.chance(0.5)))
      this.wire(BANK, poorest, cents, t, hours, form);
    else if (this.cents(richest) > 2 * cents) this.wire(richest, BANK, cents, t, hours, form);
  }

  private btcRatio(a: PairAccount): number {
    return this.btc(a) / this.target(a, 'BTC');
  }

  /** Sends up to `units` BTC (rounded to 0.01) to `to` from the account with the most to spare. */
  private moveBtc(to: PairAccount, units: number, time: number): void {
    const donors = BTC_ACCOUNTS.filter((a) => a !== to);
    const from = donors.reduce((m, a) => (this.btcRatio(a) > this.btcRatio(m) ? a : m));
    const spare = this.btc(from) - 0.6 * this.target(from, 'BTC');
    const amount = roundDown(Math.min(units, spare), BTC(0.01));
    if (amount >= BTC(0.5)) this.cryptoTransfer(from, to, amount, time);
  }

  private wireToExchange(ex: PairAccount, cents: number, time: number): void {
    const amount = Math.ceil(cents / 100_000) * 100_000;
    if (this.cents(BANK) < amount + 100_000_00) return;
    this.wire(BANK, ex, amount, time, this.ctx.rng.range(3, 30));
  }
}

const roundDown = (x: number, step: number) => Math.floor(x / step) * step;

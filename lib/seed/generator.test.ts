import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseMoneyDict } from '../db/trading/money-json';
import { generateHistory, type SeedOptions, type SeedSummary } from './generator';
import { pythonQuotient } from './fiat-withdrawal';
import { SEED_COLUMNS, type Row, type SeedTable } from './rows';

type Tables = Record<SeedTable, Record<string, string | null>[]>;

/** Runs the generator to the end, keeping every row as a column -> value object. */
function generate(opts: SeedOptions): { tables: Tables; summary: SeedSummary; digest: string } {
  const tables = {
    exchange: [],
    liability: [],
    order: [],
    trade: [],
    transaction: [],
    event: [],
  } as Tables;
  const hash = createHash('sha256');
  const gen = generateHistory(opts);
  for (;;) {
    const step = gen.next();
    if (step.done) return { tables, summary: step.value, digest: hash.digest('hex') };
    const cols = SEED_COLUMNS[step.value.table];
    for (const row of step.value.rows as Row[]) {
      hash.update(`${step.value.table}:${row.join('\u0001')}\n`);
      tables[step.value.table].push(Object.fromEntries(cols.map((c, i) => [c, row[i]])));
    }
  }
}

type Tx = Record<string, string | null>;
interface GryphonTransfer {
  kind: 'burn' | 'reverse burn' | 'wire' | 'cross-currency';
  withdrawal: Tx;
  deposit: Tx;
  /** Seconds between the two legs' time_created. */
  delay: number;
}

const ID_KEYS = ['transaction_hash', 'external_transaction_id', 'notes', 'drift'];
const epoch = (s: string | null) => Date.parse(`${String(s).replace(' ', 'T')}Z`) / 1000;

/**
 * Transfers written by record_fiat_withdrawal (no id key): each WITHDRAWL is matched with the
 * one DEPOSIT on another account with identical details created 0-1 s later, and the pair is
 * checked against Gryphon's rules (amounts, fees, exchange_rate, statuses). Every leg pairs.
 */
function gryphonForms(t: Tables): GryphonTransfer[] {
  const noId = t.transaction.filter((x) => {
    const keys = Object.keys(JSON.parse(x.transaction_details as string) as object);
    return !keys.some((k) => ID_KEYS.includes(k));
  });
  const deposits = noId.filter((x) => x.transaction_type === 'DEPOSIT');
  const used = new Set<Tx>();
  const out: GryphonTransfer[] = [];
  for (const w of noId.filter((x) => x.transaction_type === 'WITHDRAWL')) {
    const matches = deposits.filter(
      (x) =>
        !used.has(x) &&
        x.exchange_id !== w.exchange_id &&
        x.transaction_details === w.transaction_details &&
        [0, 1].includes(epoch(x.time_created) - epoch(w.time_created)),
    );
    expect(matches, `${w.transaction_id} ${w.transaction_details}`).toHaveLength(1);
    const dep = matches[0];
    used.add(dep);
    const details = JSON.parse(w.transaction_details as string) as Record<string, string>;
    const names = `${w.exchange_id}>${dep.exchange_id}`;
    const kind = details.exchange_rate
      ? 'cross-currency'
      : names === '5>6'
        ? 'burn'
        : names === '6>5'
          ? 'reverse burn'
          : 'wire';
    expect(w.transaction_status).toBe('COMPLETED');
    expect(w.time_completed).toBe(w.time_created);
    expect(dep.fee).toBeNull();
    // The bank has no exchange object, so no fee; an exchange's comes out of the amount.
    expect(w.fee).toBe(w.exchange_id === '5' || w.exchange_id === '6' ? null : '15.00');
    if (kind === 'cross-currency') {
      expect([w.exchange_id, w.amount_currency, dep.exchange_id, dep.amount_currency]).toEqual([
        '5',
        'USD',
        '3',
        'EUR',
      ]);
      expect(Object.keys(details)).toEqual(['exchange_rate']);
      expect(details.exchange_rate).toBe(
        pythonQuotient(d(w.amount).mul(100).toNumber(), d(dep.amount).mul(100).toNumber()),
      );
      expect(d(w.amount).div(details.exchange_rate).sub(d(dep.amount)).abs().lte('0.005')).toBe(
        true,
      );
    } else {
      expect([dep.amount, dep.amount_currency]).toEqual([w.amount, w.amount_currency]);
    }
    if (kind === 'burn' || kind === 'reverse burn') {
      expect(Object.keys(details)).toEqual(['description']);
      expect(dep.transaction_status).toBe('COMPLETED');
      expect(dep.time_completed).toBe(dep.time_created);
    } else {
      expect(dep.time_created).toBe(w.time_created);
      if (dep.time_completed !== null)
        expect(epoch(dep.time_completed)).toBeGreaterThan(epoch(dep.time_created));
    }
    out.push({
      kind,
      withdrawal: w,
      deposit: dep,
      delay: epoch(dep.time_created) - epoch(w.time_created),
    });
  }
  expect(deposits.filter((x) => !used.has(x))).toEqual([]);
  return out;
}

const END = new Date('2025-06-01T00:00:00Z');
const small = generate({ seed: 11, days: 3, end: END });
const { tables } = small;
const d = (s: string | number | null | undefined) => new Decimal(s ?? 0);

describe('generateHistory', () => {
  it('writes exactly --trades fills and every fill belongs to an order', () => {
    const { summary } = generate({ seed: 2, days: 1, trades: 4321, end: END });
    expect(summary.fills).toBe(4321);
    const orderIds = new Set(tables.order.map((o) => o.order_id));
    expect(tables.trade.every((t) => orderIds.has(t.order_id))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generate({ seed: 11, days: 3, end: END }).digest).toBe(small.digest);
    expect(generate({ seed: 12, days: 3, end: END }).digest).not.toBe(small.digest);
  });

  it('fills add up: FILLED orders exactly, others never beyond their volume', () => {
    const filled = new Map<string, Decimal>();
    for (const t of tables.trade)
      filled.set(t.order_id as string, (filled.get(t.order_id as string) ?? d(0)).add(d(t.volume)));
    const statuses = new Set<string>();
    let cancelledEmpty = 0;
    let cancelledPartial = 0;
    for (const o of tables.order) {
      const f = filled.get(o.order_id as string) ?? d(0);
      statuses.add(o.status as string);
      if (o.status === 'FILLED') expect(f.eq(d(o.volume))).toBe(true);
      else expect(f.lt(d(o.volume))).toBe(true);
      if (o.status === 'CANCELLED' && f.isZero()) cancelledEmpty++;
      if (o.status === 'CANCELLED' && !f.isZero()) cancelledPartial++;
      expect(o.time_executed === null).toBe(o.status === 'OPEN');
    }
    expect([...statuses].sort()).toEqual(['CANCELLED', 'FILLED', 'OPEN']);
    expect(cancelledEmpty).toBeGreaterThan(tables.order.length / 2);
    expect(cancelledPartial).toBeGreaterThan(0);
  });

  it('records fills as Gryphon does: total notional, fees mostly in the price currency', () => {
    const orders = new Map(tables.order.map((o) => [o.order_id, o]));
    let baseFees = 0;
    for (const t of tables.trade) {
      const o = orders.get(t.order_id) as Record<string, string>;
      const unit = d(t.price).div(d(t.volume));
      expect(unit.toDecimalPlaces(2).eq(unit)).toBe(true);
      expect(o.order_type === 'BID' ? unit.lte(o.price) : unit.gte(o.price)).toBe(true);
      if (t.fee_currency !== t.price_currency) baseFees++;
    }
    expect(baseFees).toBeGreaterThan(0);
    expect(baseFees).toBeLessThan(tables.trade.length / 20);
    for (const o of tables.order) {
      expect(o.exchange_rate).not.toBeNull();
      expect(o.price_currency === 'EUR' ? o.exchange_rate !== '1' : o.exchange_rate === '1').toBe(
        true,
      );
      // Multi's orders carry the execution harness's placeholder; the strategies a fair value.
      if (o.actor === 'Multi')
        expect([o.fundamental_value, o.fundamental_value_currency]).toEqual([
          '1.0000000000',
          'USD',
        ]);
      else {
        expect(o.fundamental_value_currency).toBe(o.price_currency);
        expect(d(o.fundamental_value).div(d(o.price)).sub(1).abs().lt(0.1)).toBe(true);
      }
    }
    expect(new Set(tables.order.map((o) => o.actor))).toEqual(
      new Set(['SIMPLEMARKETMAKING', 'SIMPLEMARKETMAKINGETH', 'SIMPLEARB', 'Multi']),
    );
  });

  it("caches each account's balance as its ledger sum (COMPLETED only)", () => {
    const orders = new Map(tables.order.map((o) => [o.order_id, o]));
    const ids = new Map(tables.exchange.map((e) => [e.exchange_id, e.name]));
    const ledger = new Map<string, Decimal>();
    const add = (account: string, currency: string | null, amount: Decimal) => {
      const key = `${account} ${currency}`;
      ledger.set(key, (ledger.get(key) ?? d(0)).add(amount));
    };
    for (const t of tables.trade) {
      const o = orders.get(t.order_id) as Record<string, string>;
      const sign = t.trade_type === 'BID' ? 1 : -1;
      add(o.exchange_name, t.volume_currency, d(t.volume).mul(sign));
      add(o.exchange_name, t.price_currency, d(t.price).mul(-sign));
      add(o.exchange_name, t.fee_currency, d(t.fee).neg());
    }
    for (const x of tables.transaction.filter((x) => x.transaction_status === 'COMPLETED')) {
      const name = ids.get(x.exchange_id) as string;
      add(name, x.amount_currency, d(x.amount).mul(x.transaction_type === 'DEPOSIT' ? 1 : -1));
      if (x.fee !== null) add(name, x.fee_currency, d(x.fee).neg());
    }
    for (const e of tables.exchange) {
      const { amounts, malformed } = parseMoneyDict(e.balance);
      expect(malformed).toBe(false);
      for (const [key, sum] of ledger) {
        const [name, currency] = key.split(' ');
        if (name === e.name)
          expect([key, d(amounts[currency]).toString()]).toEqual([key, sum.toString()]);
      }
    }
  });

  it('pairs transfers booked with a shared id by hash or wire reference', () => {
    const legs = new Map<string, Record<string, string | null>[]>();
    for (const x of tables.transaction) {
      const details = JSON.parse(x.transaction_details as string) as Record<string, unknown>;
      const ref = (details.transaction_hash ?? details.external_transaction_id) as
        string | undefined;
      if (ref && !String(details.notes ?? '').match(/Loan|Investor|partners/))
        legs.set(ref, [...(legs.get(ref) ?? []), x]);
    }
    expect(legs.size).toBeGreaterThan(5);
    for (const pair of legs.values()) {
      expect(pair.map((x) => x.transaction_type).sort()).toEqual(['DEPOSIT', 'WITHDRAWL']);
      expect(pair[0].amount).toBe(pair[1].amount);
    }
    const statuses = tables.transaction.map((x) => x.transaction_status);
    expect(statuses).toContain('IN_TRANSIT');
    expect(
      tables.transaction.every(
        (x) => (x.time_completed === null) === (x.transaction_status === 'IN_TRANSIT'),
      ),
    ).toBe(true);
    expect(tables.transaction.some((x) => x.transaction_details === '{"drift":true}')).toBe(true);
    expect(
      tables.transaction.filter((x) =>
        /Initializing the db's/.test(x.transaction_details as string),
      ),
    ).toHaveLength(9);
  });

  it("books Gryphon's own forms: burns, reverse burns, fiat wires and a cross-currency wire", () => {
    const kinds = gryphonForms(tables);
    const count = (kind: string, status = 'COMPLETED') =>
      kinds.filter((k) => k.kind === kind && k.deposit.transaction_status === status).length;
    // AWS, office rent and market data each at least once; the two refunds.
    expect(count('burn')).toBeGreaterThanOrEqual(3);
    expect(count('reverse burn')).toBe(2);
    expect(count('wire') + count('wire', 'IN_TRANSIT')).toBeGreaterThanOrEqual(1);
    expect(count('wire', 'IN_TRANSIT')).toBeGreaterThanOrEqual(1);
    expect(count('cross-currency') + count('cross-currency', 'IN_TRANSIT')).toBe(3);
    expect(count('cross-currency', 'IN_TRANSIT')).toBeGreaterThanOrEqual(1);
  });

  it('pairs every transfer without an id with exactly one leg: same details, same second', () => {
    const large = generate({ seed: 4, days: 30, end: END }).tables;
    const kinds = gryphonForms(large);
    const wires = kinds.filter((k) => k.kind === 'wire');
    expect(wires.some((k) => k.deposit.transaction_details === '{}')).toBe(true);
    expect(
      wires.some((k) => /^\{"description":/.test(k.deposit.transaction_details as string)),
    ).toBe(true);
    expect(kinds.filter((k) => k.kind === 'burn' && k.delay === 1).length).toBeGreaterThan(0);
    // Booked by hand with an external_transaction_id: payroll, colocation and some wires.
    expect(
      large.transaction.some((x) =>
        /"external_transaction_id".*"Payroll"/.test(x.transaction_details as string),
      ),
    ).toBe(true);
  });
  it('writes audits, both liabilities and all six accounts', () => {
    expect(tables.event.length).toBe(3 * 24 * 4 - 4);
    const data = JSON.parse(tables.event[0].data as string) as {
      balance_data: Record<string, string>;
    };
    expect(Object.keys(data.balance_data).length).toBe(2);
    expect(tables.liability.map((l) => l.liability_type).sort()).toEqual([
      'FIXED_INTEREST',
      'PERFORMANCE',
    ]);
    expect(tables.exchange.map((e) => e.name)).toEqual([
      'BITSTAMP_BTC_USD',
      'COINBASE_BTC_USD',
      'KRAKEN_BTC_EUR',
      'GEMINI_ETH_USD',
      'BMO_USD',
      'BURN',
    ]);
  });
});

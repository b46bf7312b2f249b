import { describe, expect, it } from 'vitest';
import { canonicalDetails, pairTransferLegs, type TransferLeg } from './pairing';
import { describeTransfer } from './role';

let nextId = 1;
const at = (s: string) => Date.parse(`2024-03-01T${s}Z`);
/** A leg as Gryphon writes it; `details` is the transaction_details JSON text. */
function leg(
  f: Partial<TransferLeg> &
    Pick<TransferLeg, 'account' | 'type' | 'amount' | 'currency'> & {
      time: string;
      details?: string;
    },
): TransferLeg {
  const { time, details, ...rest } = f;
  const parsed = JSON.parse(details ?? '{}') as Record<string, unknown>;
  return {
    id: nextId++,
    status: 'COMPLETED',
    created: at(time),
    fee: null,
    feeCurrency: f.currency,
    drift: false,
    transferKeys: [],
    detailsKey: canonicalDetails(details ?? '{}'),
    exchangeRate: typeof parsed.exchange_rate === 'string' ? parsed.exchange_rate : null,
    ...rest,
  };
}
const ids = (pairs: ReturnType<typeof pairTransferLegs>) =>
  pairs.map((p) => [p.withdrawal.id, p.deposit.id, p.by, p.alternatives]);

describe('pairTransferLegs: the ways Gryphon writes transfers', () => {
  it('pairs a bank-bot burn: bank WITHDRAWL + BURN DEPOSIT, same {"description"}, same second', () => {
    nextId = 1;
    const d = '{"description": "Office rent February"}';
    const pairs = pairTransferLegs([
      leg({
        account: 'BMO_USD',
        type: 'WITHDRAWL',
        amount: '9500',
        currency: 'USD',
        time: '10:00:00',
        details: d,
      }),
      leg({
        account: 'BURN',
        type: 'DEPOSIT',
        amount: '9500',
        currency: 'USD',
        time: '10:00:00',
        details: d,
      }),
    ]);
    expect(ids(pairs)).toEqual([[1, 2, 'details', []]]);
  });

  it('pairs a reverse burn (BURN WITHDRAWL + bank DEPOSIT), the deposit one second later', () => {
    nextId = 1;
    const d = '{"description":"AWS credit"}';
    const pairs = pairTransferLegs([
      leg({
        account: 'BURN',
        type: 'WITHDRAWL',
        amount: '400',
        currency: 'USD',
        time: '10:00:00',
        details: d,
      }),
      leg({
        account: 'BMO_USD',
        type: 'DEPOSIT',
        amount: '400',
        currency: 'USD',
        time: '10:00:01',
        details: d,
      }),
    ]);
    expect(ids(pairs)).toEqual([[1, 2, 'details', []]]);
  });

  it('pairs a wire whose fee was taken out of the sent amount, deposit in transit, details {}', () => {
    nextId = 1;
    const pairs = pairTransferLegs([
      leg({
        account: 'BITSTAMP_BTC_USD',
        type: 'WITHDRAWL',
        amount: '99985',
        fee: '15',
        currency: 'USD',
        time: '10:00:00',
      }),
      leg({
        account: 'BMO_USD',
        type: 'DEPOSIT',
        amount: '99985',
        currency: 'USD',
        time: '10:00:00',
        status: 'IN_TRANSIT',
      }),
    ]);
    expect(ids(pairs)).toEqual([[1, 2, 'details', []]]);
  });

  it('pairs a deposit recorded for the full amount while the withdrawal paid the fee (equal up to a fee)', () => {
    nextId = 1;
    const pairs = pairTransferLegs([
      leg({
        account: 'A',
        type: 'WITHDRAWL',
        amount: '975',
        fee: '25',
        currency: 'USD',
        time: '10:00:00',
      }),
      leg({ account: 'B', type: 'DEPOSIT', amount: '1000', currency: 'USD', time: '10:00:00' }),
    ]);
    expect(pairs).toHaveLength(1);
  });

  it('pairs a cross-currency wire by the rate in the details (sent / received)', () => {
    nextId = 1;
    const d = '{"exchange_rate": "1.0850000000000000000000000000"}';
    const pairs = pairTransferLegs([
      leg({
        account: 'BMO_USD',
        type: 'WITHDRAWL',
        amount: '108500',
        currency: 'USD',
        time: '10:00:00',
        details: d,
      }),
      leg({
        account: 'KRAKEN_BTC_EUR',
        type: 'DEPOSIT',
        amount: '100000',
        currency: 'EUR',
        time: '10:00:00',
        details: d,
        status: 'IN_TRANSIT',
      }),
    ]);
    expect(ids(pairs)).toEqual([[1, 2, 'details', []]]);
  });

  it('leaves apart what does not fit', () => {
    nextId = 1;
    const d = '{"description": "x"}';
    const pairs = pairTransferLegs([
      // different details
      leg({
        account: 'A',
        type: 'WITHDRAWL',
        amount: '100',
        currency: 'USD',
        time: '10:00:00',
        details: d,
      }),
      leg({
        account: 'B',
        type: 'DEPOSIT',
        amount: '100',
        currency: 'USD',
        time: '10:00:00',
        details: '{"description": "y"}',
      }),
      // too far apart in time
      leg({ account: 'A', type: 'WITHDRAWL', amount: '200', currency: 'USD', time: '11:00:00' }),
      leg({ account: 'B', type: 'DEPOSIT', amount: '200', currency: 'USD', time: '11:00:06' }),
      // same account
      leg({ account: 'A', type: 'WITHDRAWL', amount: '300', currency: 'USD', time: '12:00:00' }),
      leg({ account: 'A', type: 'DEPOSIT', amount: '300', currency: 'USD', time: '12:00:00' }),
      // amounts too different (more than fees + 1 %)
      leg({ account: 'A', type: 'WITHDRAWL', amount: '400', currency: 'USD', time: '13:00:00' }),
      leg({ account: 'B', type: 'DEPOSIT', amount: '390', currency: 'USD', time: '13:00:00' }),
      // two currencies without a rate
      leg({ account: 'A', type: 'WITHDRAWL', amount: '500', currency: 'USD', time: '14:00:00' }),
      leg({ account: 'B', type: 'DEPOSIT', amount: '500', currency: 'EUR', time: '14:00:00' }),
      // drift corrections are one-sided
      leg({
        account: 'A',
        type: 'WITHDRAWL',
        amount: '1',
        currency: 'BTC',
        time: '15:00:00',
        details: '{"drift": true}',
        drift: true,
      }),
      leg({
        account: 'B',
        type: 'DEPOSIT',
        amount: '1',
        currency: 'BTC',
        time: '15:00:00',
        details: '{"drift": true}',
        drift: true,
      }),
      // a cancelled leg
      leg({
        account: 'A',
        type: 'WITHDRAWL',
        amount: '600',
        currency: 'USD',
        time: '16:00:00',
        status: 'OTHER',
      }),
      leg({ account: 'B', type: 'DEPOSIT', amount: '600', currency: 'USD', time: '16:00:00' }),
    ]);
    expect(pairs).toEqual([]);
  });

  it('keeps pairing by a shared id first, whatever the other fields say', () => {
    nextId = 1;
    const pairs = pairTransferLegs([
      leg({
        account: 'A',
        type: 'WITHDRAWL',
        amount: '5',
        currency: 'BTC',
        time: '10:00:00',
        transferKeys: ['transaction_hash:abc'],
        details: '{"transaction_hash": "abc", "notes": "to B"}',
      }),
      leg({
        account: 'B',
        type: 'DEPOSIT',
        amount: '5',
        currency: 'BTC',
        time: '09:00:00',
        transferKeys: ['transaction_hash:abc'],
        details: '{"transaction_hash": "abc", "notes": "from A"}',
      }),
    ]);
    expect(ids(pairs)).toEqual([[1, 2, 'id', []]]);
  });

  it('picks the nearest in time among several candidates, then ids, and flags the ambiguity', () => {
    nextId = 1;
    const legs = [
      leg({
        account: 'BMO_USD',
        type: 'WITHDRAWL',
        amount: '100',
        currency: 'USD',
        time: '10:00:00',
      }), // 1
      leg({ account: 'BURN', type: 'DEPOSIT', amount: '100', currency: 'USD', time: '10:00:04' }), // 2
      leg({ account: 'BURN', type: 'DEPOSIT', amount: '100', currency: 'USD', time: '10:00:01' }), // 3: nearest to 1
      leg({
        account: 'BMO_USD',
        type: 'WITHDRAWL',
        amount: '100',
        currency: 'USD',
        time: '12:00:00',
      }), // 4
      leg({
        account: 'BMO_USD',
        type: 'WITHDRAWL',
        amount: '100',
        currency: 'USD',
        time: '12:00:00',
      }), // 5
      leg({ account: 'BURN', type: 'DEPOSIT', amount: '100', currency: 'USD', time: '12:00:00' }), // 6
      leg({ account: 'BURN', type: 'DEPOSIT', amount: '100', currency: 'USD', time: '12:00:00' }), // 7
    ];
    const expected = [
      [1, 3, 'details', [2]],
      [4, 6, 'details', [5, 7]],
      [5, 7, 'details', [4, 6]],
    ];
    expect(ids(pairTransferLegs(legs))).toEqual(expected);
    // the same answer whatever order the rows arrive in
    expect(ids(pairTransferLegs([...legs].reverse()))).toEqual(expected);
  });

  it('reads details canonically: key order and spacing do not matter, NULL is {}', () => {
    expect(canonicalDetails('{"b": 1, "a": {"y": 2, "x": 1}}')).toBe(
      canonicalDetails('{"a":{"x":1,"y":2},"b":1}'),
    );
    expect(canonicalDetails(null)).toBe('{}');
    expect(canonicalDetails('not json')).toBe('not json');
  });
});

describe('describeTransfer: the words the ledger uses', () => {
  const burn = (a: string | null) => a === 'BURN';
  const l = (id: number, account: string, type: 'DEPOSIT' | 'WITHDRAWL', currency = 'USD') => ({
    id,
    account,
    type,
    currency,
  });
  it.each([
    [l(1, 'BITSTAMP_BTC_USD', 'WITHDRAWL'), l(2, 'BMO_USD', 'DEPOSIT'), 'wire', 'Wire to BMO_USD'],
    [
      l(2, 'BMO_USD', 'DEPOSIT'),
      l(1, 'BITSTAMP_BTC_USD', 'WITHDRAWL'),
      'wire',
      'Wire from BITSTAMP_BTC_USD',
    ],
    [l(1, 'A', 'WITHDRAWL', 'BTC'), l(2, 'B', 'DEPOSIT', 'BTC'), 'transfer', 'Transfer to B'],
    [l(1, 'BMO_USD', 'WITHDRAWL'), l(2, 'BURN', 'DEPOSIT'), 'cost', 'Operating cost'],
    [
      l(2, 'BURN', 'DEPOSIT'),
      l(1, 'BMO_USD', 'WITHDRAWL'),
      'cost',
      'Operating cost paid from BMO_USD',
    ],
    [l(1, 'BURN', 'WITHDRAWL'), l(2, 'BMO_USD', 'DEPOSIT'), 'refund', 'Refund to BMO_USD'],
    [
      l(2, 'BMO_USD', 'DEPOSIT'),
      l(1, 'BURN', 'WITHDRAWL'),
      'refund',
      'Refund of an operating cost',
    ],
  ] as const)('%o with %o: %s, "%s"', (self, other, kind, label) => {
    expect(describeTransfer({ self, other, burn })).toMatchObject({
      kind,
      label,
      counterpart: other.account,
      counterpartId: other.id,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { BANK, BITSTAMP, KRAKEN } from './accounts';
import { fiatWithdrawalLegs, pythonQuotient } from './fiat-withdrawal';

describe('pythonQuotient', () => {
  // Expected values from Python 3: str(Decimal('a') / Decimal('b')), amounts with 2 decimals.
  it.each([
    [10_000_000, 9_216_590, '1.084999983725000244124996338'],
    [10_000_000, 9_090_909, '1.100000011000000110000001100'],
    [100, 300, '0.3333333333333333333333333333'],
    [10_850_000, 10_000_000, '1.085'],
    [20_000_000, 10_000_000, '2'],
  ])('%i / %i cents -> %s', (a, b, expected) => {
    expect(pythonQuotient(a, b)).toBe(expected);
  });
});

describe('fiatWithdrawalLegs (record_fiat_withdrawal)', () => {
  it("takes the source's fee out of the amount; both legs get the same net amount and details", () => {
    const { withdrawal, deposit } = fiatWithdrawalLegs({
      from: BITSTAMP,
      to: BANK,
      amount: { units: 100_000_00, currency: 'USD' },
      fee: { units: 15_00, currency: 'USD' },
      details: {},
    });
    expect(withdrawal).toEqual({
      type: 'WITHDRAWL',
      account: BITSTAMP,
      amount: { units: 99_985_00, currency: 'USD' },
      fee: { units: 15_00, currency: 'USD' },
      details: {},
    });
    expect(deposit).toEqual({
      type: 'DEPOSIT',
      account: BANK,
      amount: { units: 99_985_00, currency: 'USD' },
      details: {},
    });
    expect(deposit.details).toBe(withdrawal.details);
  });

  it('adds the exchange_rate to the details when the deposit is in another currency', () => {
    const details = { description: 'EUR for Kraken' };
    const { withdrawal, deposit } = fiatWithdrawalLegs({
      from: BANK,
      to: KRAKEN,
      amount: { units: 100_000_00, currency: 'USD' },
      deposit: { units: 92_165_90, currency: 'EUR' },
      details,
    });
    expect(withdrawal.fee).toBeUndefined();
    expect(withdrawal.amount).toEqual({ units: 100_000_00, currency: 'USD' });
    expect(deposit.amount).toEqual({ units: 92_165_90, currency: 'EUR' });
    expect(deposit.details).toEqual({
      description: 'EUR for Kraken',
      exchange_rate: '1.084999983725000244124996338',
    });
    expect(withdrawal.details).toBe(deposit.details);
    expect(details).toEqual({ description: 'EUR for Kraken' });
  });
});

import { buildTimeline } from '@/lib/fund/domain/days';
import type { FundInput } from '@/lib/fund/domain/prepare';
import type { FillSums, FundLiability, FundTransaction, LotFill } from '@/lib/fund/domain/types';

/**
 * A two-day fund history small enough to check by hand (the expected figures are worked out
 * in fund-identity.test.ts). Window [2024-03-02, 2024-03-04). Accounts EX_BTC_USD,
 * EX_BTC_EUR, BANK and BURN. Rates: BTC 100 / 110 / 120, EUR 1.1 / 1.2 / (none on 03-04).
 */
const t = (s: string) => Date.parse(`${s}Z`);

type FillSpec = Partial<FillSums> &
  Pick<FillSums, 'day' | 'account' | 'actor' | 'side' | 'volume' | 'price' | 'priceUsd'>;
export const fill = (f: FillSpec): FillSums => ({
  priceCurrency: 'USD',
  volumeCurrency: 'BTC',
  feeCurrency: f.priceCurrency ?? 'USD',
  rated: true,
  fee: '0',
  count: 1,
  ...f,
});

let nextId = 1;
export const tx = (
  f: Partial<FundTransaction> &
    Pick<FundTransaction, 'account' | 'type' | 'amount' | 'currency'> & {
      at: string;
      done?: string | null;
    },
): FundTransaction => {
  const { at, done, ...rest } = f;
  const completed = done === null ? null : t(done ?? at);
  return {
    id: nextId++,
    status: completed === null ? 'IN_TRANSIT' : 'COMPLETED',
    created: t(at),
    completed,
    fee: null,
    feeCurrency: f.currency,
    drift: false,
    transferKeys: [],
    detailsKey: '{}',
    exchangeRate: null,
    description: null,
    ...rest,
  };
};

export const ACCOUNTS = [
  { name: 'EX_BTC_USD', burn: false },
  { name: 'EX_BTC_EUR', burn: false },
  { name: 'BANK', burn: false },
  { name: 'BURN', burn: true },
];

export function scenario(): FundInput {
  nextId = 1;
  const openingFills = [
    fill({
      day: '2024-03-01',
      account: 'EX_BTC_USD',
      actor: 'MM',
      side: 'BID',
      volume: '2',
      price: '180',
      priceUsd: '180',
      fee: '1',
      count: 2,
    }),
  ];
  const windowFills = [
    fill({
      day: '2024-03-02',
      account: 'EX_BTC_USD',
      actor: 'MM',
      side: 'ASK',
      volume: '1.5',
      price: '165',
      priceUsd: '165',
      fee: '0.5',
    }),
    fill({
      day: '2024-03-02',
      account: 'EX_BTC_EUR',
      actor: 'MM',
      side: 'BID',
      volume: '1',
      price: '100',
      priceUsd: '105',
      fee: '0.1',
      priceCurrency: 'EUR',
    }),
    fill({
      day: '2024-03-03',
      account: 'EX_BTC_EUR',
      actor: 'MM',
      side: 'ASK',
      volume: '1',
      price: '120',
      priceUsd: '138',
      fee: '0.2',
      priceCurrency: 'EUR',
    }),
    fill({
      day: '2024-03-03',
      account: 'EX_BTC_USD',
      actor: 'ARB',
      side: 'ASK',
      volume: '0.5',
      price: '55',
      priceUsd: '55',
    }),
  ];
  const transactions = [
    tx({
      account: 'EX_BTC_USD',
      type: 'DEPOSIT',
      amount: '1000',
      currency: 'USD',
      at: '2024-03-01T00:00:00',
    }),
    tx({
      account: 'BANK',
      type: 'DEPOSIT',
      amount: '150',
      currency: 'EUR',
      at: '2024-02-01T00:00:00',
    }),
    tx({
      account: 'BANK',
      type: 'WITHDRAWL',
      amount: '100',
      currency: 'EUR',
      fee: '2',
      at: '2024-03-02T01:00:00',
      transferKeys: ['W1'],
    }),
    tx({
      account: 'EX_BTC_EUR',
      type: 'DEPOSIT',
      amount: '100',
      currency: 'EUR',
      at: '2024-03-02T01:00:00',
      done: '2024-03-02T05:00:00',
      transferKeys: ['W1'],
    }),
    tx({
      account: 'BANK',
      type: 'DEPOSIT',
      amount: '50',
      currency: 'EUR',
      at: '2024-03-02T06:00:00',
      description: 'Investor subscription',
    }),
    tx({
      account: 'BANK',
      type: 'WITHDRAWL',
      amount: '30',
      currency: 'EUR',
      at: '2024-03-03T10:00:00',
      transferKeys: ['C1'],
      description: 'Rent',
    }),
    tx({
      account: 'BURN',
      type: 'DEPOSIT',
      amount: '30',
      currency: 'EUR',
      at: '2024-03-03T10:00:00',
      transferKeys: ['C1'],
      description: 'Rent',
    }),
    tx({
      account: 'EX_BTC_USD',
      type: 'WITHDRAWL',
      amount: '210',
      currency: 'USD',
      at: '2024-03-03T12:00:00',
      description: 'Loan repayment',
    }),
    tx({
      account: 'EX_BTC_USD',
      type: 'DEPOSIT',
      amount: '0.01',
      currency: 'BTC',
      at: '2024-03-03T13:00:00',
      drift: true,
    }),
    tx({
      account: 'EX_BTC_USD',
      type: 'WITHDRAWL',
      amount: '0.2',
      currency: 'BTC',
      fee: '0.001',
      at: '2024-03-03T20:00:00',
      transferKeys: ['H1'],
    }),
    tx({
      account: 'EX_BTC_EUR',
      type: 'DEPOSIT',
      amount: '0.2',
      currency: 'BTC',
      at: '2024-03-03T20:00:00',
      done: null,
      transferKeys: ['H1'],
    }),
    tx({
      account: 'BANK',
      type: 'WITHDRAWL',
      amount: '5',
      currency: 'EUR',
      at: '2024-03-02T08:00:00',
      status: 'OTHER',
    }),
  ];
  const liabilities: FundLiability[] = [
    {
      id: 1,
      entity: 'Lender',
      type: 'FIXED_INTEREST',
      amount: '200',
      currency: 'USD',
      started: t('2024-03-01T00:00:00'),
      repaid: t('2024-03-03T12:00:00'),
    },
    {
      id: 2,
      entity: 'Investor',
      type: 'PERFORMANCE',
      amount: '50',
      currency: 'EUR',
      started: t('2024-03-02T06:00:00'),
      repaid: null,
    },
    {
      id: 3,
      entity: 'Old loan',
      type: 'FIXED_INTEREST',
      amount: '70',
      currency: 'USD',
      started: t('2024-01-01T00:00:00'),
      repaid: t('2024-02-01T00:00:00'),
    },
  ];
  return {
    timeline: buildTimeline(t('2024-03-02T00:00:00'), t('2024-03-04T00:00:00')),
    accounts: ACCOUNTS,
    openingFills,
    windowFills,
    transactions,
    liabilities,
  };
}

const lot = (
  tradeId: number,
  time: string,
  side: 'BID' | 'ASK',
  volume: string,
  priceUsd: string,
): LotFill => ({
  tradeId,
  timeMs: t(time),
  day: time.slice(0, 10),
  side,
  volume,
  price: priceUsd,
  priceCurrency: 'USD',
  priceUsd,
});

/** Same-side fills before each instant, newest first, as the lot search would return them. */
export const LOTS = {
  mmBeforeStart: [
    lot(2, '2024-03-01T12:00:00', 'BID', '1', '100'),
    lot(1, '2024-03-01T08:00:00', 'BID', '1', '80'),
  ],
  mmBeforeEnd: [
    lot(4, '2024-03-02T11:00:00', 'BID', '1', '105'),
    lot(2, '2024-03-01T12:00:00', 'BID', '1', '100'),
  ],
  arbBeforeEnd: [lot(6, '2024-03-03T15:00:00', 'ASK', '0.5', '55')],
};

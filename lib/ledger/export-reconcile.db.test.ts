import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseLedgerQuery } from './domain/query';
import { csvAmount } from './domain/csv-text';
import { displayDecimals } from '../core/money/money';
import { fixedToString, parseFixed } from '../core/money/fixed';
import { BadRequestError } from '../core/errors';
import { ledgerCsv } from './export';
import { loadLedgerPage } from './page';
import { loadReconciliation, statementWindow } from './reconcile';
import { findMapping, findStatement, listStatements, readStatementRows } from './statements';
import { MAX_STATEMENT_BYTES, importStatement, mappingFromFields } from './upload';
import { withReceivedUpload } from './upload-receive';
import {
  FIXTURE_ACCOUNT,
  FIXTURE_BALANCES,
  FIXTURE_SQL,
  FIXTURE_WINDOW,
} from '@/tests/helpers/ledger-fixture';
import { ledgerTestPools, runSql, rollupAt, testSource } from '@/tests/helpers/ledger-databases';

let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };
const NOW = new Date('2024-06-01T00:00:00Z');

beforeAll(async () => {
  dbs = await createTestDatabases();
  await runSql(dbs.tradingWriteUrl!, FIXTURE_SQL);
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

async function csvText(q: Record<string, string | string[]>): Promise<string> {
  const src = await testSource(pools, FIXTURE_ACCOUNT);
  const csv = await ledgerCsv(src, FIXTURE_WINDOW, parseLedgerQuery(q));
  const chunks: string[] = [];
  for await (const chunk of Readable.from(csv.records).pipe(
    stringify({ header: true, columns: csv.header }),
  ))
    chunks.push(String(chunk));
  return chunks.join('');
}

describe('CSV export', () => {
  it.each<Record<string, string | string[]>>([
    {},
    { sort: 'oldest' },
    { type: 'fee' },
    { currency: 'BTC', type: ['trade', 'fee'] },
  ])('round-trips the page rows for %j', async (q) => {
    const records = parse(await csvText(q), { columns: true }) as Record<string, string>[];
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    const page = await loadLedgerPage(
      src,
      rollupAt(0),
      FIXTURE_WINDOW,
      { ...parseLedgerQuery(q), pageSize: 1000 },
      NOW,
    );
    expect(records.map((r) => r.row_key)).toEqual(page.rows.map((r) => r.key));
    records.forEach((rec, i) => {
      const row = page.rows[i];
      const places = displayDecimals(row.currency);
      expect(rec).toMatchObject({
        time_utc: row.time,
        // "2024-03-02T10:00:00Z" -> "2024-03-02 10:00:00"
        time_excel: row.time.replace('T', ' ').replace('Z', ''),
        type: row.type,
        description: row.description,
        currency: row.currency,
        credit: row.credit === null ? '' : csvAmount(row.credit, places),
        debit: row.debit === null ? '' : csvAmount(row.debit, places),
        external_id: row.externalId ?? '',
      });
      // Padded to the currency's decimals, never rounded: the same exact values as the page.
      expect(page.currencies.map((c) => parseFixed(rec[`balance_${c}`]))).toEqual(
        row.balances!.map(parseFixed),
      );
    });
  });

  it('has every currency as a balance column and the hand-computed balances', async () => {
    const records = parse(await csvText({ sort: 'oldest' }), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(records[0])).toEqual([
      'time_utc',
      'time_excel',
      'type',
      'description',
      'currency',
      'credit',
      'debit',
      'trade_id',
      'transaction_id',
      'external_id',
      'row_key',
      'balance_BTC',
      'balance_USD',
    ]);
    expect(records.map((r) => [r.balance_USD, r.balance_BTC])).toEqual(
      FIXTURE_BALANCES.map(([usd, btc]) => [csvAmount(usd, 2), csvAmount(btc, 8)]),
    );
    // Cells as written: USD with 2 decimals, BTC with 8, exact (hand-written from the fixture).
    expect(records.slice(0, 3).map((r) => [r.currency, r.credit, r.debit])).toEqual([
      ['USD', '12750.00', ''],
      ['BTC', '', '0.30000000'],
      ['USD', '', '25.50'],
    ]);
    expect(records[0].balance_USD).toBe('20746.00');
    expect(records[5].balance_BTC).toBe('1.99979000');
  });

  it('running balances equal the opening plus the sum of the amounts written', async () => {
    const records = parse(await csvText({ sort: 'oldest' }), { columns: true }) as Record<
      string,
      string
    >[];
    // Opening (fixture.ts): USD 7996, BTC 2.09999.
    const running = new Map([
      ['USD', parseFixed('7996')],
      ['BTC', parseFixed('2.09999')],
    ]);
    for (const r of records) {
      const amount = r.credit ? parseFixed(r.credit) : -parseFixed(r.debit);
      running.set(r.currency, running.get(r.currency)! + amount);
      expect(parseFixed(r[`balance_${r.currency}`])).toBe(running.get(r.currency));
    }
  });
});

// The exchange's view of the window: Kraken-like, with one planted missing row (a deposit of
// 75 USD we never booked) and one planted amount mismatch (EX-3's USD leg).
const STATEMENT = `txid,refid,time,type,asset,amount,fee
L1,EX-2,2024-03-02 10:00:01,trade,USD,"12,750.00",25.50
L2,EX-2,2024-03-02 10:00:01,trade,BTC,-0.3,0
L3,EX-3,2024-03-02 10:00:02,trade,BTC,0.2,0.0002
L4,EX-3,2024-03-02 10:00:02,trade,USD,-8400.10,
L5,WD-4,2024-03-02 10:00:40,withdrawal,USD,-1000,15
L6,,2024-03-02 11:30:00,deposit,USD,75,
L7,,2024-03-02 12:00:20,adjustment,USD,0.5,
L8,,2024-03-02 13:01:00,deposit,USD,500,
L9,EX-5,2024-03-02 23:59:59,trade,BTC,0.05,
L10,EX-5,2024-03-02 23:59:59,trade,USD,-2100,
L11,,not a date,deposit,USD,1,
`;

describe('statement upload and reconciliation', () => {
  const mapping = {
    time: 'time',
    amount: 'amount',
    credit: null,
    debit: null,
    currency: 'asset',
    type: 'type',
    externalId: 'refid',
    fee: 'fee',
    negate: false,
  };

  it('refuses a mapping naming a column the file lacks, listing the columns', async () => {
    const err = await importStatement(pools.dashboards, {
      account: FIXTURE_ACCOUNT,
      fileName: 's.csv',
      uploadedBy: 'tester',
      csv: Readable.from([Buffer.from(STATEMENT)]),
      limits: { maxLines: 1000, quota: 10 },
      mapping: { ...mapping, fee: 'Fee' },
      now: NOW,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as Error).message).toContain('no column "Fee"');
    expect((err as Error).message).toContain('"refid"');
  });

  it('imports, remembers the mapping, matches and finds the planted problems', async () => {
    const result = await importStatement(pools.dashboards, {
      account: FIXTURE_ACCOUNT,
      fileName: 'kraken.csv',
      uploadedBy: 'tester',
      csv: Readable.from([Buffer.from(STATEMENT)]),
      limits: { maxLines: 1000, quota: 10 },
      mapping,
      now: NOW,
    });
    expect(result.rows).toBe(10);
    expect(result.skipped).toEqual([{ line: 12, reason: 'time "not a date" is not a date-time' }]);
    expect(await findMapping(pools.dashboards, 'ledgertest_btc_usd')).toEqual(mapping);
    expect(
      (await listStatements(pools.dashboards, FIXTURE_ACCOUNT)).map((s) => s.statementId),
    ).toEqual([result.statementId]);

    const statement = (await findStatement(pools.dashboards, FIXTURE_ACCOUNT, result.statementId))!;
    expect(statement.timeMin?.toISOString()).toBe('2024-03-02T10:00:01.000Z');
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    // Its lines run from 10:00:01 to 23:59:59: the default window is that whole day.
    expect(statementWindow(statement)).toEqual(FIXTURE_WINDOW);
    const r = await loadReconciliation(src, statement, FIXTURE_WINDOW, 120);
    expect(r.counts).toEqual({
      ours: 12,
      theirs: 13,
      matchedById: 6,
      matchedByTime: 2,
      mismatched: 1,
      unmatchedOurs: 0,
      unmatchedTheirs: 1,
    });
    expect(r.mismatched).toEqual([
      expect.objectContaining({
        externalId: 'EX-3',
        currency: 'USD',
        ours: '-8400',
        theirs: '-8400.1',
        difference: '0.1',
        theirRefs: ['line 5'],
      }),
    ]);
    expect(r.unmatchedTheirs).toEqual([
      {
        time: '2024-03-02T11:30:00Z',
        currency: 'USD',
        amount: '75',
        label: 'deposit',
        ref: 'line 7',
        externalId: null,
        ourId: null,
      },
    ]);
    // The statement writes USD with at most 2 decimals and BTC with 4 (fee 0.0002).
    expect(r.amountTolerances).toEqual([
      { currency: 'BTC', tolerance: '0.00005', decimals: 4 },
      { currency: 'USD', tolerance: '0.005', decimals: 2 },
    ]);
    expect(r.divergence).toEqual({
      time: '2024-03-02T10:00:00Z',
      currency: 'USD',
      difference: '0.1',
      ourRef: '1709373600-t100003-1',
      theirRef: 'line 5',
    });
    expect(r.finalDifference).toEqual([{ currency: 'USD', difference: '-74.9' }]);
  });
});

/** A multipart body as a browser sends the upload form. */
function multipart(
  fields: Record<string, string>,
  file: string,
): {
  body: ReadableStream<Uint8Array>;
  type: string;
} {
  const boundary = '----reconcile-round-trip';
  const parts = [
    ...Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
    `--${boundary}--\r\n`,
  ];
  return {
    body: new Response(parts.join('')).body!,
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('our own CSV export, uploaded back unchanged', () => {
  // The form's fields as the browser fills them for the recognised preset; and none at all
  // (a JSON client: the header picks the preset).
  it.each<[string, Record<string, string>]>([
    [
      'with the form fields of the preset',
      {
        map_time: 'time_utc',
        map_amount: '',
        map_credit: 'credit',
        map_debit: 'debit',
        map_currency: 'currency',
        map_type: 'type',
        map_external_id: 'external_id',
        map_fee: '',
      },
    ],
    ['without mapping fields', {}],
  ])('reconciles clean %s', async (_, fields) => {
    const csv = await csvText({});
    const { body, type } = multipart(fields, csv);
    const result = await withReceivedUpload(body, type, MAX_STATEMENT_BYTES, ({ fields, file }) =>
      importStatement(pools.dashboards, {
        account: FIXTURE_ACCOUNT,
        fileName: file!.name,
        uploadedBy: 'tester',
        csv: createReadStream(file!.path),
        mapping: mappingFromFields(fields),
        limits: { maxLines: 1000, quota: 10 },
        now: NOW,
      }),
    );
    expect(result).toMatchObject({ rows: 12, skipped: [] });
    const statement = (await findStatement(pools.dashboards, FIXTURE_ACCOUNT, result.statementId))!;
    expect(statement.mapping).toMatchObject({ time: 'time_utc', amount: null, credit: 'credit' });
    expect(statement.amountDecimals).toEqual({ USD: 2, BTC: 8 });
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    const r = await loadReconciliation(src, statement, statementWindow(statement)!, 120);
    // 8 (id, currency) groups: EX-2 USD (credit, fee) and BTC, EX-3 BTC (credit, fee) and
    // USD, WD-4 USD (amount, fee), DEP-7 USD, EX-5 BTC and USD; the drift row has no id.
    expect(r.counts).toEqual({
      ours: 12,
      theirs: 12,
      matchedById: 8,
      matchedByTime: 1,
      mismatched: 0,
      unmatchedOurs: 0,
      unmatchedTheirs: 0,
    });
    expect(r.divergence).toBeNull();
    expect(r.finalDifference).toEqual([]);
    expect(r.amountTolerances).toEqual([
      { currency: 'BTC', tolerance: '0.000000005', decimals: 8 },
      { currency: 'USD', tolerance: '0.005', decimals: 2 },
    ]);
  });
});

/**
 * Our ledger written as Coinbase Exchange's account report (statement-presets.ts): one signed
 * line per movement, trades' legs as "match" and their fees as "fee" lines under the
 * exchange's trade id, transfers under the transfer id, our trade id as a decoy order id.
 */
async function coinbaseAccountReport(): Promise<string> {
  const records = parse(await csvText({ sort: 'oldest' }), { columns: true }) as Record<
    string,
    string
  >[];
  const lines = [
    'portfolio,type,time,amount,balance,amount/balance unit,transfer id,trade id,order id',
  ];
  for (const r of records) {
    const trade = r.trade_id !== '';
    // Coinbase has no "drift": our drift deposit is a plain transfer there.
    const type =
      ({ trade: 'match', drift: 'transfer' } as Record<string, string>)[r.type] ?? r.type;
    lines.push(
      [
        'default',
        type,
        r.time_utc.replace('Z', '.000Z'),
        r.credit !== '' ? r.credit : `-${r.debit}`,
        r[`balance_${r.currency}`],
        r.currency,
        trade ? '' : r.external_id,
        trade ? r.external_id : '',
        trade ? `order-${r.trade_id}` : '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

describe('a Coinbase Exchange account report of the same movements', () => {
  it.each<[string, Record<string, string>]>([
    [
      'with the form fields of the preset',
      {
        map_time: 'time',
        map_amount: 'amount',
        map_credit: '',
        map_debit: '',
        map_currency: 'amount/balance unit',
        map_type: 'type',
        map_external_id: 'trade id',
        map_external_id_fallback: 'transfer id',
        map_fee: '',
      },
    ],
    ['without mapping fields', {}],
  ])('is recognised and reconciles clean %s', async (_, fields) => {
    const csv = await coinbaseAccountReport();
    expect(csv.split('\n')[3]).toBe(
      'default,fee,2024-03-02T10:00:00.000Z,-25.50,20720.50,USD,,EX-2,order-100002',
    );
    const { body, type } = multipart(fields, csv);
    const result = await withReceivedUpload(body, type, MAX_STATEMENT_BYTES, ({ fields, file }) =>
      importStatement(pools.dashboards, {
        account: FIXTURE_ACCOUNT,
        fileName: file!.name,
        uploadedBy: 'tester',
        csv: createReadStream(file!.path),
        mapping: mappingFromFields(fields),
        limits: { maxLines: 1000, quota: 10 },
        now: NOW,
      }),
    );
    expect(result).toMatchObject({ rows: 12, skipped: [] });
    const statement = (await findStatement(pools.dashboards, FIXTURE_ACCOUNT, result.statementId))!;
    expect(statement.mapping).toMatchObject({
      externalId: 'trade id',
      externalIdFallback: 'transfer id',
    });
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    const r = await loadReconciliation(src, statement, statementWindow(statement)!, 120);
    // As our own export: EX-2, EX-3 (trade ids), WD-4, DEP-7 (transfer ids), EX-5 by id; the
    // drift deposit, with no id, by time.
    expect(r.counts).toEqual({
      ours: 12,
      theirs: 12,
      matchedById: 8,
      matchedByTime: 1,
      mismatched: 0,
      unmatchedOurs: 0,
      unmatchedTheirs: 0,
    });
    // Each line's id: the trade id, else the transfer id; never the decoy order id.
    const rows = await readStatementRows(pools.dashboards, result.statementId, 0, 2e9);
    expect(rows.map((row) => [row.line, row.type, row.externalId])).toEqual([
      [2, 'match', 'EX-2'],
      [3, 'match', 'EX-2'],
      [4, 'fee', 'EX-2'],
      [5, 'match', 'EX-3'],
      [6, 'match', 'EX-3'],
      [7, 'fee', 'EX-3'],
      [8, 'withdrawal', 'WD-4'],
      [9, 'fee', 'WD-4'],
      [10, 'transfer', null],
      [11, 'deposit', 'DEP-7'],
      [12, 'match', 'EX-5'],
      [13, 'match', 'EX-5'],
    ]);
    expect(r.finalDifference).toEqual([]);
  });
});

describe('mappingFromFields and the second id column', () => {
  const base = { map_time: 'time', map_amount: 'amount' };
  it.each<[Record<string, string>, Record<string, unknown>]>([
    [
      { ...base, map_external_id: 'trade id', map_external_id_fallback: 'transfer id' },
      { externalId: 'trade id', externalIdFallback: 'transfer id' },
    ],
    // Alone, the second id column is the id column.
    [{ ...base, map_external_id_fallback: 'transfer id' }, { externalId: 'transfer id' }],
    [{ ...base, map_external_id: 'refid' }, { externalId: 'refid' }],
  ])('%j', (fields, expected) => {
    const m = mappingFromFields(fields)!;
    expect(m).toMatchObject(expected);
    if (!('externalIdFallback' in expected)) expect(m).not.toHaveProperty('externalIdFallback');
  });
});

/**
 * The fixture's window written by hand as Bitstamp writes it (statement-presets.ts): one line
 * per trade (volume, value and fee on one line, unsigned, the side in Sub Type / Subtype), one
 * per transfer with its fee. 12 movements from 6 lines.
 */
const BITSTAMP_RFC = [
  'ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID',
  'EX-2,Main Account,Market,Sell,2024-03-02T10:00:00Z,0.30000000,BTC,12750.00,USD,42500.00,USD,25.50,USD,100002',
  'EX-3,Main Account,Market,Buy,2024-03-02T10:00:00Z,0.20000000,BTC,8400.00,USD,42000.00,USD,0.00020000,BTC,100003',
  'WD-4,Main Account,Withdrawal,,2024-03-02T10:00:00Z,1000.00,USD,,,,,15.00,USD,',
  ',Main Account,Deposit,,2024-03-02T12:00:00Z,0.50,USD,,,,,,,',
  'DEP-7,Main Account,Deposit,,2024-03-02T13:00:00Z,500.00,USD,,,,,,,',
  'EX-5,Main Account,Market,Buy,2024-03-02T23:59:59Z,0.05000000,BTC,2100.00,USD,42000.00,USD,0.00,USD,100004',
].join('\n');

const BITSTAMP_OLD = [
  'Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type',
  'Market,"Mar. 02, 2024, 10:00 AM",Main Account,0.30000000 BTC,12750.00 USD,42500.00 USD,25.50 USD,Sell',
  'Market,"Mar. 02, 2024, 10:00 AM",Main Account,0.20000000 BTC,8400.00 USD,42000.00 USD,0.00020000 BTC,Buy',
  'Withdrawal,"Mar. 02, 2024, 10:00 AM",Main Account,1000.00 USD,,,15.00 USD,',
  'Deposit,"Mar. 02, 2024, 12:00 PM",Main Account,0.50 USD,,,,',
  'Deposit,"Mar. 02, 2024, 01:00 PM",Main Account,500.00 USD,,,,',
  'Market,"Mar. 02, 2024, 11:59 PM",Main Account,0.05000000 BTC,2100.00 USD,42000.00 USD,0.00 USD,Buy',
].join('\n');

describe('a Bitstamp transaction export of the same movements', () => {
  it.each<[string, string, Record<string, string>, Record<string, number>]>([
    [
      'RFC 4180, with the form fields of the preset',
      BITSTAMP_RFC,
      {
        map_time: 'Datetime',
        map_amount: 'Amount',
        map_currency: 'Amount currency',
        map_type: 'Type',
        map_external_id: 'ID',
        map_fee: 'Fee',
        map_layout: 'bitstamp',
        map_value: 'Value',
        map_value_currency: 'Value currency',
        map_fee_currency: 'Fee currency',
        map_side: 'Subtype',
      },
      // By id as our export; the drift deposit, with no id, by time.
      { matchedById: 8, matchedByTime: 1 },
    ],
    ['RFC 4180, without mapping fields', BITSTAMP_RFC, {}, { matchedById: 8, matchedByTime: 1 }],
    // No id column: every movement by currency, amount and time (to the minute: EX-5 at
    // 23:59:59 is written 11:59 PM).
    [
      'older export, without mapping fields',
      BITSTAMP_OLD,
      {},
      { matchedById: 0, matchedByTime: 12 },
    ],
  ])('is recognised and reconciles clean: %s', async (_, csv, fields, matched) => {
    const { body, type } = multipart(fields, csv + '\n');
    const result = await withReceivedUpload(body, type, MAX_STATEMENT_BYTES, ({ fields, file }) =>
      importStatement(pools.dashboards, {
        account: FIXTURE_ACCOUNT,
        fileName: file!.name,
        uploadedBy: 'tester',
        csv: createReadStream(file!.path),
        mapping: mappingFromFields(fields),
        limits: { maxLines: 1000, quota: 10 },
        now: NOW,
      }),
    );
    // Six lines, nine stored movements (a trade's fee rides on the movement of its currency).
    expect(result).toMatchObject({ rows: 9, skipped: [] });
    const statement = (await findStatement(pools.dashboards, FIXTURE_ACCOUNT, result.statementId))!;
    expect(statement.mapping.layout).toMatchObject({ kind: 'bitstamp', value: 'Value' });
    const rows = await readStatementRows(pools.dashboards, result.statementId, 0, 2e9);
    expect(
      rows.slice(0, 4).map((r) => [r.line, r.part, r.currency, fixedToString(r.amount)]),
    ).toEqual([
      [2, 0, 'BTC', '-0.3'],
      [2, 1, 'USD', '12750'],
      [3, 0, 'BTC', '0.2'],
      [3, 1, 'USD', '-8400'],
    ]);
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    const r = await loadReconciliation(src, statement, statementWindow(statement)!, 120);
    expect(r.counts).toEqual({
      ours: 12,
      theirs: 12,
      mismatched: 0,
      unmatchedOurs: 0,
      unmatchedTheirs: 0,
      ...matched,
    });
    expect(r.divergence).toBeNull();
    expect(r.finalDifference).toEqual([]);
  });
});

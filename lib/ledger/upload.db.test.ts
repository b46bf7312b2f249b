import { Readable } from 'node:stream';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { BadRequestError } from '../core/errors';
import { parseDbCredential } from '../core/env';
import { createPool } from '../db/pool';
import { toDbDate } from '../db/db-time';
import { findStatement, listStatements } from './statements';
import { countStatements, deleteStatement, IMPORTING } from './statement-store';
import { importStatement, StatementQuotaError, type StatementLimits } from './upload';
import { UploadTooLargeError, withReceivedUpload } from './upload-receive';
import { ledgerTestPools } from '@/tests/helpers/ledger-databases';

// The streamed statement upload against a real MariaDB: line cap, short batches, quota,
// deletion, and the multipart reception with its byte limit.
let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };
const NOW = new Date('2024-06-01T00:00:00Z');
const MAPPING = {
  time: 'time',
  amount: 'amount',
  credit: null,
  debit: null,
  currency: 'asset',
  type: null,
  externalId: 'refid',
  fee: null,
  negate: false,
};
const LIMITS: StatementLimits = { maxLines: 10_000, quota: 3 };

beforeAll(async () => {
  dbs = await createTestDatabases();
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

/** `n` lines, one second apart from 2024-03-01, as chunks of about 4 KB. */
function statementCsv(n: number, header = 'refid,time,asset,amount'): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `${header}\n`;
    let chunk = '';
    for (let i = 0; i < n; i++) {
      const t = new Date(Date.UTC(2024, 2, 1) + i * 1000).toISOString();
      chunk += `R${i},${t},USD,${i}.5\n`;
      if (chunk.length > 4096) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  return Readable.from(lines());
}

const importInto = (
  account: string,
  csv: Readable,
  limits = LIMITS,
  dashboards = pools.dashboards,
) =>
  importStatement(dashboards, {
    account,
    fileName: `${account}.csv`,
    uploadedBy: 'tester',
    csv,
    mapping: MAPPING,
    limits,
    now: NOW,
  });

async function rowsOf(statementId: number): Promise<number> {
  const [[r]] = await pools.dashboards.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM ledger_statement_row WHERE statement_id = ?',
    [statementId],
  );
  return Number(r.n);
}

async function statementsOf(account: string): Promise<number> {
  const [[r]] = await pools.dashboards.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM ledger_statement WHERE account = ?',
    [account],
  );
  return Number(r.n);
}

describe('importStatement (streamed)', () => {
  it('stores every line of a long file, with its counts and time range', async () => {
    const r = await importInto('UP_LONG', statementCsv(7_321));
    expect(r.rows).toBe(7_321);
    expect(await rowsOf(r.statementId)).toBe(7_321);
    const s = (await findStatement(pools.dashboards, 'UP_LONG', r.statementId))!;
    expect([s.rowCount, s.skippedCount]).toEqual([7_321, 0]);
    expect(s.timeMin?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(s.timeMax?.toISOString()).toBe(new Date(Date.UTC(2024, 2, 1) + 7_320_000).toISOString());
  });

  it('inserts in short batches: a one-connection pool still answers other queries meanwhile', async () => {
    const single = createPool(
      parseDbCredential('DASHBOARD_DB_CRED', dbs.dashboardsUrl!),
      'dashboards',
      {
        connectionLimit: 1,
        sessionSetup: [],
      },
    );
    try {
      let importing = true;
      const upload = importInto(
        'UP_BATCH',
        statementCsv(20_000),
        { ...LIMITS, maxLines: 50_000 },
        single,
      ).finally(() => (importing = false));
      // Queries on the same single connection, each waiting for the import's current batch only.
      let answeredDuring = 0;
      while (importing) {
        await single.query('SELECT 1');
        if (importing) answeredDuring++;
      }
      expect((await upload).rows).toBe(20_000);
      expect(answeredDuring).toBeGreaterThan(5);
    } finally {
      await single.end();
    }
  });

  it('refuses a file over the line cap and keeps nothing of it', async () => {
    const err = await importInto('UP_CAP', statementCsv(2_001), {
      ...LIMITS,
      maxLines: 2_000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as Error).message).toBe(
      'The file has more than 2,000 lines, the most accepted: split it by date',
    );
    expect(await statementsOf('UP_CAP')).toBe(0);
    const [[orphans]] = await pools.dashboards.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM ledger_statement_row r LEFT JOIN ledger_statement s USING (statement_id) WHERE s.statement_id IS NULL',
    );
    expect(Number(orphans.n)).toBe(0);
    // Exactly at the cap is fine.
    expect(
      (await importInto('UP_CAP', statementCsv(2_000), { ...LIMITS, maxLines: 2_000 })).rows,
    ).toBe(2_000);
  });

  it('keeps at most `quota` statements per account; deleting one makes room', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await importInto('UP_QUOTA', statementCsv(10))).statementId);
    const err = await importInto('UP_QUOTA', statementCsv(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatementQuotaError);
    expect((err as Error).message).toBe(
      'This account already has 3 statements, the most kept: delete an old one first',
    );
    expect(await statementsOf('UP_QUOTA')).toBe(3);
    // Another account has its own quota.
    await importInto('UP_QUOTA_OTHER', statementCsv(10));
    expect(await deleteStatement(pools.dashboards, 'UP_QUOTA', ids[0])).toBe(true);
    await importInto('UP_QUOTA', statementCsv(10));
    expect(await countStatements(pools.dashboards, 'UP_QUOTA', NOW)).toBe(3);
  });

  it('uploads running together cannot pass the quota together', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => importInto('UP_RACE', statementCsv(3_000))),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(3);
    expect(await statementsOf('UP_RACE')).toBeLessThanOrEqual(3);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StatementQuotaError);
  });

  it('deletes a statement of the account only, with all its lines (in batches)', async () => {
    const { statementId } = await importInto(
      'UP_DELETE',
      statementCsv(12_345, 'refid,time,asset,amount'),
      {
        ...LIMITS,
        maxLines: 20_000,
      },
    );
    expect(await deleteStatement(pools.dashboards, 'UP_OTHER', statementId)).toBe(false);
    expect(await rowsOf(statementId)).toBe(12_345);
    expect(await deleteStatement(pools.dashboards, 'up_delete', statementId)).toBe(true);
    expect(await rowsOf(statementId)).toBe(0);
    expect(await findStatement(pools.dashboards, 'UP_DELETE', statementId)).toBeNull();
    expect(await deleteStatement(pools.dashboards, 'UP_DELETE', statementId)).toBe(false);
  });

  it('hides an import under way, and removes one that died, on the next upload', async () => {
    const insert = async (uploaded: Date) => {
      const [res] = await pools.dashboards.query<import('mysql2').ResultSetHeader>(
        "INSERT INTO ledger_statement (account, file_name, uploaded_by, time_uploaded, row_count, skipped_count, mapping) VALUES ('UP_DEAD', 'x.csv', 't', ?, ?, 0, '{}')",
        [toDbDate(uploaded), IMPORTING],
      );
      return res.insertId;
    };
    const running = await insert(new Date(NOW.getTime() - 60_000));
    const dead = await insert(new Date(NOW.getTime() - 2 * 3_600_000));
    expect(await listStatements(pools.dashboards, 'UP_DEAD')).toEqual([]);
    expect(await findStatement(pools.dashboards, 'UP_DEAD', running)).toBeNull();
    expect(await countStatements(pools.dashboards, 'UP_DEAD', NOW)).toBe(1);
    const r = await importInto('UP_DEAD', statementCsv(5));
    const [left] = await pools.dashboards.query<RowDataPacket[]>(
      'SELECT statement_id FROM ledger_statement WHERE account = ? ORDER BY statement_id',
      ['UP_DEAD'],
    );
    expect(left.map((x) => Number(x.statement_id))).toEqual([running, r.statementId]);
    expect(dead).not.toBe(running);
  });
});

describe('withReceivedUpload', () => {
  const BOUNDARY = 'test-boundary-42';
  const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
  const part = (name: string, body: string, filename?: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${body}\r\n`;
  /** A body arriving in 64 KB chunks with no length known in advance (as a chunked request). */
  const chunked = (parts: string[], fileBytes = 0) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const enc = new TextEncoder();
        controller.enqueue(enc.encode(parts.join('')));
        if (fileBytes) {
          controller.enqueue(
            enc.encode(
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`,
            ),
          );
          for (let sent = 0; sent < fileBytes; sent += 65_536)
            controller.enqueue(new Uint8Array(65_536).fill(65));
        }
        controller.enqueue(enc.encode(`--${BOUNDARY}--\r\n`));
        controller.close();
      },
    });

  it('receives the fields before or after the file and spools the file to disk', async () => {
    for (const order of [
      [part('file', 'a,b\n1,2\n', 's.csv'), part('map_time', 'a')],
      [part('map_time', 'a'), part('file', 'a,b\n1,2\n', 's.csv')],
    ]) {
      const got = await withReceivedUpload(chunked(order), TYPE, 1024, async (u) => {
        const { readFile } = await import('node:fs/promises');
        return {
          fields: u.fields,
          name: u.file?.name,
          bytes: u.file?.bytes,
          text: await readFile(u.file!.path, 'utf8'),
        };
      });
      expect(got).toEqual({
        fields: { map_time: 'a' },
        name: 's.csv',
        bytes: 8,
        text: 'a,b\n1,2\n',
      });
    }
  });

  it('stops reading a chunked body past the limit with UploadTooLargeError', async () => {
    let used = false;
    const err = await withReceivedUpload(
      chunked([part('map_time', 'a')], 2 * 1048576),
      TYPE,
      1048576,
      async () => {
        used = true;
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadTooLargeError);
    expect(used).toBe(false);
  });

  it('refuses a body that is not a multipart form, or is cut short', async () => {
    await expect(withReceivedUpload(chunked([]), 'text/csv', 1024, async () => 1)).rejects.toThrow(
      'Send the statement as a multipart form',
    );
    const cut = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(
          new TextEncoder().encode(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\na,b\n`,
          ),
        );
        c.close();
      },
    });
    await expect(withReceivedUpload(cut, TYPE, 1024, async () => 1)).rejects.toThrow(
      /could not be read/,
    );
  });
});

import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toDbDate, parseDbDate } from '../db/db-time';
import { fixedToString, parseFixed } from '../core/money/fixed';
import type { StatementMapping, StatementRow } from './domain/statement';

/** Uploaded statements and remembered column mappings, in our dashboards database. */
export interface StatementInfo {
  statementId: number;
  account: string;
  fileName: string;
  uploadedBy: string;
  timeUploaded: Date;
  rowCount: number;
  skippedCount: number;
  timeMin: Date | null;
  timeMax: Date | null;
  mapping: StatementMapping;
}

const BATCH = 2000;
const key = (account: string) => account.toUpperCase();

export async function saveStatement(
  dashboards: Pool,
  s: {
    account: string;
    fileName: string;
    uploadedBy: string;
    mapping: StatementMapping;
    rows: StatementRow[];
    skipped: number;
  },
  now: Date,
): Promise<number> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of s.rows) [lo, hi] = [Math.min(lo, r.time), Math.max(hi, r.time)];
  const secs = (t: number) => toDbDate(new Date(t * 1000));
  const conn = await dashboards.getConnection();
  try {
    await conn.beginTransaction();
    const [res] = await conn.query<import('mysql2').ResultSetHeader>(
      'INSERT INTO `ledger_statement` (`account`, `file_name`, `uploaded_by`, `time_uploaded`, `row_count`, `skipped_count`, `time_min`, `time_max`, `mapping`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        key(s.account),
        s.fileName.slice(0, 255),
        s.uploadedBy,
        toDbDate(now),
        s.rows.length,
        s.skipped,
        s.rows.length ? secs(lo) : null,
        s.rows.length ? secs(hi) : null,
        JSON.stringify(s.mapping),
      ],
    );
    const id = res.insertId;
    for (let i = 0; i < s.rows.length; i += BATCH) {
      const values = s.rows
        .slice(i, i + BATCH)
        .map((r) => [
          id,
          r.line,
          secs(r.time),
          fixedToString(r.amount),
          r.currency,
          r.fee === 0n ? null : fixedToString(r.fee),
          r.type?.slice(0, 64) ?? null,
          r.externalId?.slice(0, 128) ?? null,
        ]);
      await conn.query(
        'INSERT INTO `ledger_statement_row` (`statement_id`, `line_no`, `time`, `amount`, `currency`, `fee`, `row_type`, `external_id`) VALUES ?',
        [values],
      );
    }
    await conn.query(
      'INSERT INTO `ledger_statement_mapping` (`account`, `mapping`, `updated_by`, `time_updated`) VALUES (?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE `mapping` = VALUES(`mapping`), `updated_by` = VALUES(`updated_by`), `time_updated` = VALUES(`time_updated`)',
      [key(s.account), JSON.stringify(s.mapping), s.uploadedBy, toDbDate(now)],
    );
    await conn.commit();
    return id;
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

function toInfo(r: RowDataPacket): StatementInfo {
  return {
    statementId: Number(r.statement_id),
    account: String(r.account),
    fileName: String(r.file_name),
    uploadedBy: String(r.uploaded_by),
    timeUploaded: parseDbDate(r.time_uploaded) as Date,
    rowCount: Number(r.row_count),
    skippedCount: Number(r.skipped_count),
    timeMin: parseDbDate(r.time_min),
    timeMax: parseDbDate(r.time_max),
    mapping: JSON.parse(String(r.mapping)) as StatementMapping,
  };
}

export async function listStatements(
  dashboards: Pool,
  account: string,
  limit = 20,
): Promise<StatementInfo[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT * FROM `ledger_statement` WHERE `account` = ? ORDER BY `time_uploaded` DESC, `statement_id` DESC LIMIT ?',
    [key(account), limit],
  );
  return rows.map(toInfo);
}

/** The statement if it belongs to `account`. */
export async function findStatement(
  dashboards: Pool,
  account: string,
  id: number,
): Promise<StatementInfo | null> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT * FROM `ledger_statement` WHERE `statement_id` = ? AND `account` = ?',
    [id, key(account)],
  );
  return rows.length ? toInfo(rows[0]) : null;
}

/** Rows with time in [from, to) (unix seconds), in file order. */
export async function readStatementRows(
  dashboards: Pool,
  id: number,
  from: number,
  to: number,
): Promise<StatementRow[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `line_no`, `time`, `amount`, `currency`, `fee`, `row_type`, `external_id` FROM `ledger_statement_row` ' +
      'WHERE `statement_id` = ? AND `time` >= ? AND `time` < ? ORDER BY `line_no`',
    [id, toDbDate(new Date(from * 1000)), toDbDate(new Date(to * 1000))],
  );
  return rows.map((r) => ({
    line: Number(r.line_no),
    time: (parseDbDate(r.time) as Date).getTime() / 1000,
    amount: parseFixed(String(r.amount)),
    currency: String(r.currency),
    fee: r.fee === null ? 0n : parseFixed(String(r.fee)),
    type: r.row_type,
    externalId: r.external_id,
  }));
}

export async function findMapping(
  dashboards: Pool,
  account: string,
): Promise<StatementMapping | null> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `mapping` FROM `ledger_statement_mapping` WHERE `account` = ?',
    [key(account)],
  );
  return rows.length ? (JSON.parse(String(rows[0].mapping)) as StatementMapping) : null;
}

export async function deleteStatement(
  dashboards: Pool,
  account: string,
  id: number,
): Promise<boolean> {
  const conn = await dashboards.getConnection();
  try {
    await conn.beginTransaction();
    const [res] = await conn.query<import('mysql2').ResultSetHeader>(
      'DELETE FROM `ledger_statement` WHERE `statement_id` = ? AND `account` = ?',
      [id, key(account)],
    );
    if (res.affectedRows > 0)
      await conn.query('DELETE FROM `ledger_statement_row` WHERE `statement_id` = ?', [id]);
    await conn.commit();
    return res.affectedRows > 0;
  } finally {
    conn.release();
  }
}

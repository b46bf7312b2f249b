import 'server-only';
import type { ResultSetHeader } from 'mysql2';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import { fixedToString } from '../core/money/fixed';
import type { StatementMapping, StatementRow } from './domain/statement';

/**
 * Writing statements in short steps, each its own statement on a pooled connection (autocommit),
 * so an upload never holds one of the few dashboards connections for its whole length:
 * the statement is created first with `row_count = -1` (importing: listed nowhere), its lines
 * are added in batches, then its counts are filled in. A failed import is removed; one cut
 * short by a crash stays invisible and is removed by the account's next upload.
 */
export const IMPORTING = -1;
/** An import still marked importing after this long died with its process. */
const STALE_IMPORT_MS = 3_600_000;
const DELETE_BATCH = 5000;

const key = (account: string) => account.toUpperCase();
const secs = (t: number) => toDbDate(new Date(t * 1000));

export async function createImportingStatement(
  dashboards: Pool,
  s: { account: string; fileName: string; uploadedBy: string; mapping: StatementMapping },
  now: Date,
): Promise<number> {
  const [res] = await dashboards.query<ResultSetHeader>(
    'INSERT INTO `ledger_statement` (`account`, `file_name`, `uploaded_by`, `time_uploaded`, `row_count`, `skipped_count`, `time_min`, `time_max`, `mapping`) VALUES (?, ?, ?, ?, ?, 0, NULL, NULL, ?)',
    [
      key(s.account),
      s.fileName.slice(0, 255),
      s.uploadedBy,
      toDbDate(now),
      IMPORTING,
      JSON.stringify(s.mapping),
    ],
  );
  return res.insertId;
}

export async function insertStatementRows(
  dashboards: Pool,
  statementId: number,
  rows: readonly StatementRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => [
    statementId,
    r.line,
    r.part ?? 0,
    secs(r.time),
    fixedToString(r.amount),
    r.currency,
    r.fee === 0n ? null : fixedToString(r.fee),
    r.type?.slice(0, 64) ?? null,
    r.externalId?.slice(0, 128) ?? null,
  ]);
  await dashboards.query(
    'INSERT INTO `ledger_statement_row` (`statement_id`, `line_no`, `part`, `time`, `amount`, `currency`, `fee`, `row_type`, `external_id`) VALUES ?',
    [values],
  );
}

/**
 * Marks the import complete and remembers its mapping as the account's. The statement's own
 * JSON also keeps `amountDecimals` (per currency, the most decimals its lines were written
 * with: the precision the default amount tolerance is derived from).
 */
export async function finishStatement(
  dashboards: Pool,
  s: {
    statementId: number;
    account: string;
    uploadedBy: string;
    mapping: StatementMapping;
    amountDecimals: Record<string, number>;
    rows: number;
    skipped: number;
    timeMin: number;
    timeMax: number;
  },
  now: Date,
): Promise<void> {
  await dashboards.query(
    'UPDATE `ledger_statement` SET `row_count` = ?, `skipped_count` = ?, `time_min` = ?, `time_max` = ?, `mapping` = ? WHERE `statement_id` = ?',
    [
      s.rows,
      s.skipped,
      secs(s.timeMin),
      secs(s.timeMax),
      JSON.stringify({ ...s.mapping, amountDecimals: s.amountDecimals }),
      s.statementId,
    ],
  );
  await dashboards.query(
    'INSERT INTO `ledger_statement_mapping` (`account`, `mapping`, `updated_by`, `time_updated`) VALUES (?, ?, ?, ?) ' +
      'ON DUPLICATE KEY UPDATE `mapping` = VALUES(`mapping`), `updated_by` = VALUES(`updated_by`), `time_updated` = VALUES(`time_updated`)',
    [key(s.account), JSON.stringify(s.mapping), s.uploadedBy, toDbDate(now)],
  );
}

/**
 * Statements that count against the account's quota: complete ones and imports under way
 * (so parallel uploads cannot pass it together); not imports that died.
 */
export async function countStatements(
  dashboards: Pool,
  account: string,
  now: Date,
): Promise<number> {
  const [[r]] = await dashboards.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM `ledger_statement` WHERE `account` = ? AND (`row_count` <> ? OR `time_uploaded` > ?)',
    [key(account), IMPORTING, toDbDate(new Date(now.getTime() - STALE_IMPORT_MS))],
  );
  return Number(r.n);
}

/**
 * Deletes the statement if it belongs to `account`: the statement first (it disappears at
 * once), then its lines in batches, each a short statement of its own.
 */
export async function deleteStatement(
  dashboards: Pool,
  account: string,
  id: number,
): Promise<boolean> {
  const [res] = await dashboards.query<ResultSetHeader>(
    'DELETE FROM `ledger_statement` WHERE `statement_id` = ? AND `account` = ?',
    [id, key(account)],
  );
  if (res.affectedRows === 0) return false;
  for (;;) {
    const [rows] = await dashboards.query<ResultSetHeader>(
      'DELETE FROM `ledger_statement_row` WHERE `statement_id` = ? LIMIT ?',
      [id, DELETE_BATCH],
    );
    if (rows.affectedRows < DELETE_BATCH) return true;
  }
}

/** Removes the account's imports that died with their process (see STALE_IMPORT_MS). */
export async function removeDeadImports(dashboards: Pool, account: string, now: Date) {
  const [dead] = await dashboards.query<RowDataPacket[]>(
    'SELECT `statement_id` FROM `ledger_statement` WHERE `account` = ? AND `row_count` = ? AND `time_uploaded` <= ?',
    [key(account), IMPORTING, toDbDate(new Date(now.getTime() - STALE_IMPORT_MS))],
  );
  for (const r of dead) await deleteStatement(dashboards, account, Number(r.statement_id));
}

import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toDbDate, parseDbDate } from '../db/db-time';
import { parseFixed } from '../core/money/fixed';
import { normalizeMapping, type StatementMapping, type StatementRow } from './domain/statement';

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
  /**
   * Per currency, the most decimals the file wrote an amount or fee with (its precision), as
   * read at upload; null for statements stored before it was recorded.
   */
  amountDecimals: Record<string, number> | null;
}

/** The stored JSON of a statement: its mapping, and the precision found at upload. */
function parseStored(text: string): {
  mapping: StatementMapping;
  amountDecimals: Record<string, number> | null;
} {
  const raw = JSON.parse(text) as Partial<StatementMapping> & {
    amountDecimals?: Record<string, number>;
  };
  const mapping = normalizeMapping(raw);
  if (!mapping) throw new Error(`Unreadable stored statement mapping: ${text.slice(0, 200)}`);
  return { mapping, amountDecimals: raw.amountDecimals ?? null };
}

/** Decimals of a stored amount with its trailing zeros cut (DECIMAL(38,18) pads them). */
function storedDecimals(text: string): number {
  const frac = text.split('.')[1]?.replace(/0+$/, '') ?? '';
  return frac.length;
}

const key = (account: string) => account.toUpperCase();
/** Complete statements only: an import under way has `row_count` = IMPORTING (-1). */
const COMPLETE = '`row_count` >= 0';

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
    ...parseStored(String(r.mapping)),
  };
}

export async function listStatements(
  dashboards: Pool,
  account: string,
  limit = 20,
): Promise<StatementInfo[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT * FROM \`ledger_statement\` WHERE \`account\` = ? AND ${COMPLETE} ORDER BY \`time_uploaded\` DESC, \`statement_id\` DESC LIMIT ?`,
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
    `SELECT * FROM \`ledger_statement\` WHERE \`statement_id\` = ? AND \`account\` = ? AND ${COMPLETE}`,
    [id, key(account)],
  );
  return rows.length ? toInfo(rows[0]) : null;
}

/** How many lines have time in [from, to) (unix seconds): checked before reading them. */
export async function countStatementRows(
  dashboards: Pool,
  id: number,
  from: number,
  to: number,
): Promise<number> {
  const [[r]] = await dashboards.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM `ledger_statement_row` WHERE `statement_id` = ? AND `time` >= ? AND `time` < ?',
    [id, toDbDate(new Date(from * 1000)), toDbDate(new Date(to * 1000))],
  );
  return Number(r.n);
}

/** Rows with time in [from, to) (unix seconds), in file order. */
export async function readStatementRows(
  dashboards: Pool,
  id: number,
  from: number,
  to: number,
): Promise<StatementRow[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `line_no`, `part`, `time`, `amount`, `currency`, `fee`, `row_type`, `external_id` FROM `ledger_statement_row` ' +
      'WHERE `statement_id` = ? AND `time` >= ? AND `time` < ? ORDER BY `line_no`, `part`',
    [id, toDbDate(new Date(from * 1000)), toDbDate(new Date(to * 1000))],
  );
  return rows.map((r) => ({
    line: Number(r.line_no),
    part: Number(r.part),
    time: (parseDbDate(r.time) as Date).getTime() / 1000,
    amount: parseFixed(String(r.amount)),
    currency: String(r.currency),
    fee: r.fee === null ? 0n : parseFixed(String(r.fee)),
    type: r.row_type,
    externalId: r.external_id,
    decimals: Math.max(storedDecimals(String(r.amount)), storedDecimals(String(r.fee ?? ''))),
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
  return rows.length
    ? normalizeMapping(JSON.parse(String(rows[0].mapping)) as Partial<StatementMapping>)
    : null;
}

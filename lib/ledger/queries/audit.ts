import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseMoneyDict } from '../../db/trading/money-json';
import { dbSeconds } from './sql';

/**
 * The latest balance the exchange itself reported for the account: Gryphon's balance audits
 * store it as an AUDIT event, data {"balance_data": {"BTC": "BTC 1.2", ...}}. The event table
 * is indexed on time only, so the search steps back in widening time ranges and gives up
 * after a year (bank accounts and BURN are never audited; a full scan would be wasted).
 */
export interface AuditReport {
  eventId: number;
  /** Unix seconds; the report matches our ledger up to but excluding this second. */
  time: number;
  balances: Record<string, string>;
  malformed: boolean;
}

const STEPS_DAYS = [1, 7, 31, 366];

export async function findLatestAudit(
  pool: Pool,
  accountName: string,
  before: number,
): Promise<AuditReport | null> {
  let upper = before;
  for (const days of STEPS_DAYS) {
    const lower = before - days * 86_400;
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT \`event_id\` AS id, \`time_created\` AS time, \`data\` AS data FROM \`event\`
       WHERE \`time_created\` >= ? AND \`time_created\` < ? AND \`event_type\` = 'AUDIT' AND UPPER(\`exchange_name\`) = UPPER(?)
       ORDER BY \`time_created\` DESC, \`event_id\` DESC LIMIT 1`,
      [dbSeconds(lower), dbSeconds(upper), accountName],
    );
    if (rows.length > 0) return toReport(rows[0]);
    upper = lower;
  }
  return null;
}

function toReport(r: RowDataPacket): AuditReport {
  let balanceJson: string | null = null;
  let malformed = false;
  try {
    const data = JSON.parse(String(r.data ?? 'null')) as { balance_data?: unknown } | null;
    balanceJson =
      data && typeof data === 'object' && data.balance_data
        ? JSON.stringify(data.balance_data)
        : null;
    malformed = balanceJson === null;
  } catch {
    malformed = true;
  }
  const parsed = parseMoneyDict(balanceJson);
  return {
    eventId: Number(r.id),
    time: Date.parse(`${String(r.time).replace(' ', 'T')}Z`) / 1000,
    balances: parsed.amounts,
    malformed: malformed || parsed.malformed,
  };
}

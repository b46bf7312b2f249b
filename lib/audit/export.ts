import 'server-only';
import { windowToQuery, type TimeWindow } from '../core/time/time-window';
import { recordAudit, recordAuditOrThrow, requestAuditContext } from './record';

interface ExportResult {
  kind: string;
  account?: string;
  window?: TimeWindow;
  data?: unknown;
}

/**
 * Audits a CSV export before it streams: an export that cannot be recorded is refused (the
 * firm must be able to say who exported what), so this returns a message to answer 503 with.
 * On success the rows are counted as they stream and a second event (ok, or aborted when the
 * client stopped) records how many. Only for a result that will stream (`kind` ok).
 */
export async function auditCsvExport(
  username: string,
  result: ExportResult,
): Promise<string | null> {
  if (result.kind !== 'ok') return null;
  const data = result.data as { records: AsyncGenerator<string[]>; fileName: string };
  const ctx = await requestAuditContext();
  const base = {
    action: 'csv-export' as const,
    username,
    subject: result.account ?? '',
  };
  const window = result.window ? windowToQuery(result.window) : undefined;
  try {
    await recordAuditOrThrow(
      { ...base, outcome: 'started', detail: { window, file: data.fileName } },
      ctx,
    );
  } catch (err) {
    console.error(`audit: CSV export refused, it could not be recorded: ${String(err)}`);
    return 'The export was refused: it could not be recorded in the audit log (the dashboards database did not answer). Try again in a moment.';
  }
  const source = data.records;
  data.records = (async function* counted() {
    let rows = 0;
    let finished = false;
    try {
      for await (const r of source) {
        rows++;
        yield r;
      }
      finished = true;
    } finally {
      await recordAudit(
        { ...base, outcome: finished ? 'ok' : 'aborted', detail: { window, rows } },
        ctx,
      );
    }
  })();
  return null;
}

/** After a statement upload: the statement and its row count (never throws). */
export async function auditStatementUpload(
  username: string,
  result: { kind: string; account?: string; data?: unknown },
): Promise<void> {
  if (result.kind !== 'ok') return;
  const data = result.data as { statementId: number; rows: number };
  await recordAudit({
    action: 'statement-upload',
    outcome: 'ok',
    username,
    subject: result.account ?? '',
    detail: { statementId: data.statementId, rows: data.rows },
  });
}

/** After a statement deletion (a 2xx/3xx answer); returns the response unchanged. */
export async function auditStatementDelete(
  username: string,
  params: Promise<{ exchange: string; statementId: string }>,
  response: Response,
): Promise<Response> {
  if (response.status < 400) {
    const { exchange, statementId } = await params;
    await recordAudit({
      action: 'statement-delete',
      outcome: 'ok',
      username,
      subject: exchange,
      detail: { statementId },
    });
  }
  return response;
}

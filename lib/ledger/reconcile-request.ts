import 'server-only';
import { BadRequestError } from '../core/errors';
import {
  failureOf,
  unavailableOf,
  type BadRequest,
  type NotFound,
  type RequestResult,
} from '../core/request-result';
import { parseTimeWindow } from '../core/time/time-window';
import { rethrowFromPools } from '../db/pool';
import type { StatementMapping } from './domain/statement';
import { openLedger } from './open';
import {
  DEFAULT_TOLERANCE_SECONDS,
  loadReconciliation,
  statementWindow,
  type ReconcileView,
} from './reconcile';
import { unknownAccount, type Query } from './request';
import { findMapping, findStatement, listStatements, type StatementInfo } from './statements';
import { MAX_STATEMENT_BYTES, importStatement, mappingFromForm, type ImportResult } from './upload';

/**
 * The reconciliation's requests: the statements of an account (/ledger/<account>/reconcile),
 * one statement matched with the ledger (.../reconcile/<id>) and the upload of a statement
 * (POST /api/ledger/<account>/statements, the only one that writes: the user asked it to).
 */
export interface StatementList {
  account: string;
  statements: StatementInfo[];
  /** The column mapping of the account's last upload, preset in the form. */
  mapping: StatementMapping | null;
  /** Why the last upload was refused (`error` of the query string, set by the upload route). */
  uploadError: string | null;
}
/** Nothing to parse but the account: no bad request. */
export type StatementListResult = Exclude<RequestResult<{ data: StatementList }>, BadRequest>;

export interface Reconciliation {
  account: string;
  statement: StatementInfo;
  /** Null when the statement has no readable lines (and no window was asked for). */
  view: ReconcileView | null;
}
/** A bad request (window, tolerance) still shows which statement it was about. */
export type ReconciliationResult = RequestResult<
  { data: Reconciliation },
  Omit<Reconciliation, 'view'>
>;

export type StatementUploadResult = RequestResult<{ data: ImportResult; account: string }>;

export async function handleStatementListRequest(
  name: string,
  query: Query,
): Promise<StatementListResult> {
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const { dashboards, account } = opened.source;
    const [statements, mapping] = await Promise.all([
      listStatements(dashboards, account.name),
      findMapping(dashboards, account.name),
    ]).catch((err) => rethrowFromPools(err, [dashboards]));
    const uploadError = typeof query.error === 'string' ? query.error : null;
    return { kind: 'ok', data: { account: account.name, statements, mapping, uploadError } };
  } catch (err) {
    return unavailableOf(err);
  }
}

const noStatement = (id: string): NotFound => ({
  kind: 'not-found',
  message: `No statement ${id.slice(0, 20)} of this account`,
  known: [],
});

/** `tolerance`: whole seconds two times may differ by and still match. */
function parseTolerance(query: Query): number {
  const text = typeof query.tolerance === 'string' ? query.tolerance.trim() : '';
  if (text === '') return DEFAULT_TOLERANCE_SECONDS;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 86_400) {
    throw new BadRequestError(
      `Invalid tolerance "${text.slice(0, 20)}": whole seconds from 0 to 86400`,
      'tolerance',
      '120',
    );
  }
  return Number(text);
}

/** One statement against the ledger, over `start`/`end` or else the days the statement covers. */
export async function handleReconciliationRequest(
  name: string,
  statementId: string,
  query: Query,
  now: Date,
): Promise<ReconciliationResult> {
  if (!/^\d{1,15}$/.test(statementId)) return noStatement(statementId);
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const { source } = opened;
    const account = source.account.name;
    const statement = await findStatement(source.dashboards, account, Number(statementId)).catch(
      (err) => rethrowFromPools(err, [source.dashboards]),
    );
    if (!statement) return noStatement(statementId);
    try {
      const window =
        query.start || query.end ? parseTimeWindow(query, now) : statementWindow(statement);
      const view = window
        ? await loadReconciliation(source, statement, window, parseTolerance(query))
        : null;
      return { kind: 'ok', data: { account, statement, view } };
    } catch (err) {
      const known = await rethrowFromPools(err, [source.trading, source.dashboards]).catch(
        (e: unknown) => e,
      );
      return failureOf(known, { account, statement });
    }
  } catch (err) {
    return unavailableOf(err);
  }
}

/**
 * Stores an uploaded statement (multipart form: the file and its column mapping) for the
 * account. `readForm` is called once the account is known to exist.
 */
export async function handleStatementUpload(
  name: string,
  upload: { readForm: () => Promise<FormData>; uploadedBy: string; now: Date },
): Promise<StatementUploadResult> {
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const form = await upload.readForm();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      throw new BadRequestError('Choose a CSV file to upload', 'file');
    if (file.size > MAX_STATEMENT_BYTES)
      throw new BadRequestError(
        `The file is larger than ${MAX_STATEMENT_BYTES / 1048576} MB`,
        'file',
      );
    const account = opened.source.account.name;
    const { dashboards } = opened.source;
    const data = await importStatement(dashboards, {
      account,
      fileName: file.name || 'statement.csv',
      uploadedBy: upload.uploadedBy,
      bytes: Buffer.from(await file.arrayBuffer()),
      mapping: mappingFromForm(form),
      now: upload.now,
    }).catch((err) => rethrowFromPools(err, [dashboards]));
    return { kind: 'ok', data, account };
  } catch (err) {
    return failureOf(err);
  }
}

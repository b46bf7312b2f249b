import 'server-only';
import { BadRequestError } from '../core/errors';
import {
  badRequest,
  failureOf,
  unavailableOf,
  type NotFound,
  type RequestResult,
} from '../core/request-result';
import { rethrowFromPools } from '../db/pool';
import { parseReconcileQuery, type ReconcileQuery } from './domain/reconcile-query';
import type { StatementMapping } from './domain/statement';
import { parseUploadErrorCode, type UploadErrorCode } from './domain/upload-error';
import { openLedger } from './open';
import { loadReconciliation, statementWindow, type ReconcileView } from './reconcile';
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
  /** Why the last upload was refused (the code in `error` of the query string, set by the upload route). */
  uploadError: UploadErrorCode | null;
}
/** A bad request (an unknown `error` code) names the account asked for. */
export type StatementListResult = RequestResult<{ data: StatementList }, string>;

export interface Reconciliation {
  account: string;
  statement: StatementInfo;
  /** Null when the statement has no readable lines (and no window was asked for). */
  view: ReconcileView | null;
}
/**
 * A bad request names the account: the parameters (window, tolerance) are checked before any
 * name is looked up, as the proxy's parameter gate checks them without a database; a window
 * too long to reconcile is found later and also names the statement.
 */
export type ReconciliationResult = RequestResult<
  { data: Reconciliation },
  { account: string; statement: StatementInfo | null }
>;

/** A refused upload carries the code the form's page shows (domain/upload-error.ts). */
export type StatementUploadResult = RequestResult<
  { data: ImportResult; account: string },
  UploadErrorCode
>;

export async function handleStatementListRequest(
  name: string,
  query: Query,
): Promise<StatementListResult> {
  let uploadError: UploadErrorCode | null;
  try {
    uploadError = parseUploadErrorCode(query.error);
  } catch (err) {
    return failureOf(err, name);
  }
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const { dashboards, account } = opened.source;
    const [statements, mapping] = await Promise.all([
      listStatements(dashboards, account.name),
      findMapping(dashboards, account.name),
    ]).catch((err) => rethrowFromPools(err, [dashboards]));
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

/** One statement against the ledger, over `start`/`end` or else the days the statement covers. */
export async function handleReconciliationRequest(
  name: string,
  statementId: string,
  query: Query,
  now: Date,
): Promise<ReconciliationResult> {
  let asked: ReconcileQuery;
  try {
    asked = parseReconcileQuery(query, now);
  } catch (err) {
    return failureOf(err, { account: name, statement: null });
  }
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
      const window = asked.window ?? statementWindow(statement);
      const view = window
        ? await loadReconciliation(source, statement, window, asked.toleranceSeconds)
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
 * account. `readForm` is called once the account is known to exist. A refusal carries the code
 * of its reason for the form's page, the message keeps the details for the JSON answer.
 */
export async function handleStatementUpload(
  name: string,
  upload: { readForm: () => Promise<FormData>; uploadedBy: string; now: Date },
): Promise<StatementUploadResult> {
  let code: UploadErrorCode = 'not-a-form';
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const form = await upload.readForm().catch(() => {
      throw new BadRequestError(
        'The request body is not a readable multipart/form-data form with a `file` field',
        'file',
      );
    });
    const file = form.get('file');
    code = 'no-file';
    if (!(file instanceof File) || file.size === 0)
      throw new BadRequestError('Choose a CSV file to upload', 'file');
    code = 'too-large';
    if (file.size > MAX_STATEMENT_BYTES)
      throw new BadRequestError(
        `The file is larger than ${MAX_STATEMENT_BYTES / 1048576} MB`,
        'file',
      );
    code = 'mapping';
    const mapping = mappingFromForm(form);
    const account = opened.source.account.name;
    const { dashboards } = opened.source;
    const data = await importStatement(dashboards, {
      account,
      fileName: file.name || 'statement.csv',
      uploadedBy: upload.uploadedBy,
      bytes: Buffer.from(await file.arrayBuffer()),
      mapping,
      now: upload.now,
    }).catch((err) => {
      // The file lacks a mapped column (param `mapping`), or no line of it could be read.
      if (err instanceof BadRequestError) code = err.param === 'mapping' ? 'columns' : 'unreadable';
      return rethrowFromPools(err, [dashboards]);
    });
    return { kind: 'ok', data, account };
  } catch (err) {
    if (err instanceof BadRequestError) return badRequest(err, code);
    return unavailableOf(err);
  }
}

import 'server-only';
import { createReadStream } from 'node:fs';
import { BadRequestError } from '../core/errors';
import {
  badRequest,
  failureOf,
  unavailableOf,
  type NotFound,
  type RequestResult,
} from '../core/request-result';
import { getEnv } from '../core/env';
import { rethrowFromPools } from '../db/pool';
import { parseReconcileQuery, type ReconcileQuery } from './domain/reconcile-query';
import type { StatementMapping } from './domain/statement';
import { parseUploadErrorCode, type UploadErrorCode } from './domain/upload-error';
import { openLedger } from './open';
import { loadReconciliation, statementWindow, type ReconcileView } from './reconcile';
import { unknownAccount, type Query } from './request';
import { findMapping, findStatement, listStatements, type StatementInfo } from './statements';
import { countStatements, deleteStatement } from './statement-store';
import {
  MAX_STATEMENT_BYTES,
  StatementQuotaError,
  importStatement,
  mappingFromFields,
  type ImportResult,
  type StatementLimits,
} from './upload';
import { UploadTooLargeError, withReceivedUpload } from './upload-receive';

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
      // Every statement the quota allows, so that each can be deleted from the list.
      listStatements(dashboards, account.name, Math.min(getEnv().statements.quota, 500)),
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
        ? await loadReconciliation(
            source,
            statement,
            window,
            asked.toleranceSeconds,
            asked.amountTolerance,
          )
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

/** Too large for the limit (a body counted as it arrived): HTTP 413. */
export interface UploadTooLarge {
  kind: 'too-large';
  message: string;
}

/**
 * Stores an uploaded statement (multipart form: the file and its column mapping) for the
 * account, streamed from `body`: the account and its quota are checked before the body is read.
 */
export async function handleStatementUpload(
  name: string,
  upload: {
    body: ReadableStream<Uint8Array> | null;
    contentType: string;
    uploadedBy: string;
    /** Default: STATEMENT_MAX_LINES and STATEMENT_QUOTA of the environment. */
    limits?: StatementLimits;
    now: Date;
  },
): Promise<StatementUploadResult | UploadTooLarge> {
  let code: UploadErrorCode = 'quota';
  try {
    const limits = upload.limits ?? getEnv().statements;
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const account = opened.source.account.name;
    const { dashboards } = opened.source;
    const store = <T>(p: Promise<T>) => p.catch((err) => rethrowFromPools(err, [dashboards]));
    if ((await store(countStatements(dashboards, account, upload.now))) >= limits.quota)
      throw new StatementQuotaError(limits.quota);
    code = 'not-a-form';
    const data = await withReceivedUpload(
      upload.body,
      upload.contentType,
      MAX_STATEMENT_BYTES,
      async ({ fields, file }) => {
        code = 'no-file';
        if (!file || file.bytes === 0)
          throw new BadRequestError('Choose a CSV file to upload', 'file');
        code = 'mapping';
        const mapping = mappingFromFields(fields);
        return store(
          importStatement(dashboards, {
            account,
            fileName: file.name || 'statement.csv',
            uploadedBy: upload.uploadedBy,
            csv: createReadStream(file.path),
            mapping,
            limits,
            now: upload.now,
          }).catch((err) => {
            // The file lacks a mapped column (param `mapping`), has too many lines, or no line
            // of it could be read.
            if (err instanceof BadRequestError)
              code =
                err.param === 'mapping'
                  ? 'columns'
                  : err.message.startsWith('The file has more than')
                    ? 'lines'
                    : 'unreadable';
            throw err;
          }),
        );
      },
    );
    return { kind: 'ok', data, account };
  } catch (err) {
    if (err instanceof UploadTooLargeError) return { kind: 'too-large', message: err.message };
    if (err instanceof BadRequestError) return badRequest(err, code);
    return unavailableOf(err);
  }
}

/** One statement of the account, for the page that confirms its deletion. */
export async function handleStatementInfoRequest(
  name: string,
  statementId: string,
): Promise<RequestResult<{ data: StatementInfo; account: string }>> {
  if (!/^\d{1,15}$/.test(statementId)) return noStatement(statementId);
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const { dashboards, account } = opened.source;
    const statement = await findStatement(dashboards, account.name, Number(statementId)).catch(
      (err) => rethrowFromPools(err, [dashboards]),
    );
    return statement
      ? { kind: 'ok', data: statement, account: account.name }
      : noStatement(statementId);
  } catch (err) {
    return failureOf(err);
  }
}

export type StatementDeleteResult = RequestResult<{ data: { deleted: number }; account: string }>;

/** Deletes one of the account's statements (the user confirmed it on the page). */
export async function handleStatementDelete(
  name: string,
  statementId: string,
): Promise<StatementDeleteResult> {
  if (!/^\d{1,15}$/.test(statementId)) return noStatement(statementId);
  try {
    const opened = await openLedger(name);
    if (!opened) return await unknownAccount(name);
    const { dashboards, account } = opened.source;
    const deleted = await deleteStatement(dashboards, account.name, Number(statementId)).catch(
      (err) => rethrowFromPools(err, [dashboards]),
    );
    if (!deleted) return noStatement(statementId);
    return { kind: 'ok', data: { deleted: Number(statementId) }, account: account.name };
  } catch (err) {
    return failureOf(err);
  }
}

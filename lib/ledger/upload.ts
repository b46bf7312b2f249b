import 'server-only';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Pool } from 'mysql2/promise';
import { z } from 'zod';
import { BadRequestError } from '../core/errors';
import { detectPreset } from './domain/statement-presets';
import {
  missingColumns,
  statementLineReader,
  type StatementMapping,
  type StatementRow,
} from './domain/statement';
import {
  countStatements,
  createImportingStatement,
  deleteStatement,
  finishStatement,
  insertStatementRows,
  removeDeadImports,
} from './statement-store';

/**
 * Upload limits. The file itself: the body is counted as it arrives and refused (413) past
 * this plus room for the form around it; next.config's experimental.proxyClientMaxBodySize
 * (11 MB) must stay above that, or the proxy would cut the body silently first.
 */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;
/** Defaults of STATEMENT_MAX_LINES and STATEMENT_QUOTA (lib/core/env.ts). */
export const DEFAULT_MAX_STATEMENT_LINES = 250_000;
export const DEFAULT_STATEMENT_QUOTA = 50;

export interface StatementLimits {
  /** Lines of one file (after the header), blank ones not counted. */
  maxLines: number;
  /** Statements kept per account. */
  quota: number;
}

const column = z.string().trim().max(200);
const optionalColumn = column.transform((s) => (s === '' ? null : s));

/**
 * The mapping form fields (map_time, map_amount or map_credit and map_debit, ... negate=on).
 * JSON clients may leave every map_ field out when the file's header fits a preset.
 */
export const mappingFormSchema = z.object({
  map_time: column.min(1, 'choose the time column'),
  map_amount: optionalColumn.default(''),
  map_credit: optionalColumn.default(''),
  map_debit: optionalColumn.default(''),
  map_currency: optionalColumn.default(''),
  map_type: optionalColumn.default(''),
  map_external_id: optionalColumn.default(''),
  map_external_id_fallback: optionalColumn.default(''),
  map_fee: optionalColumn.default(''),
  negate: z.string().optional(),
  /** 'bitstamp': the line is several movements (BitstampLayout); its four columns below. */
  map_layout: z.enum(['', 'bitstamp']).default(''),
  map_value: optionalColumn.default(''),
  map_value_currency: optionalColumn.default(''),
  map_fee_currency: optionalColumn.default(''),
  map_side: optionalColumn.default(''),
});

/** The mapping of the form; null when it names no column (the file's header picks a preset). */
export function mappingFromFields(fields: Record<string, string>): StatementMapping | null {
  if (!Object.keys(fields).some((k) => k.startsWith('map_') && fields[k].trim() !== ''))
    return null;
  const r = mappingFormSchema.safeParse(fields);
  if (!r.success)
    throw new BadRequestError(
      `Column mapping: ${r.error.issues[0]?.message ?? 'invalid'}`,
      'mapping',
    );
  const f = r.data;
  if (f.map_amount ? f.map_credit || f.map_debit : !(f.map_credit && f.map_debit))
    throw new BadRequestError(
      f.map_amount
        ? 'Column mapping: choose either an amount column or a credit and a debit column, not both'
        : 'Column mapping: choose the amount column, or a credit and a debit column',
      'mapping',
    );
  if (f.map_layout === 'bitstamp' && !(f.map_amount && f.map_value && f.map_side))
    throw new BadRequestError(
      'Column mapping: a Bitstamp statement needs its amount, value and side (Sub Type) columns',
      'mapping',
    );
  return {
    time: f.map_time,
    amount: f.map_amount,
    credit: f.map_credit,
    debit: f.map_debit,
    currency: f.map_currency,
    type: f.map_type,
    // A second id column alone is the id column.
    externalId: f.map_external_id || f.map_external_id_fallback,
    ...(f.map_external_id && f.map_external_id_fallback
      ? { externalIdFallback: f.map_external_id_fallback }
      : {}),
    fee: f.map_fee,
    negate: f.negate === 'on',
    ...(f.map_layout === 'bitstamp'
      ? {
          layout: {
            kind: 'bitstamp' as const,
            value: f.map_value!,
            valueCurrency: f.map_value_currency,
            feeCurrency: f.map_fee_currency,
            side: f.map_side!,
          },
        }
      : {}),
  };
}

/** The delimiter used most in the header line: comma, semicolon or tab. */
function sniffDelimiter(bytes: Buffer): string {
  const firstLine =
    bytes
      .subarray(0, 64 * 1024)
      .toString('utf8')
      .split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

export interface ImportResult {
  statementId: number;
  rows: number;
  skipped: Array<{ line: number; reason: string }>;
}

/**
 * Lines stored per INSERT: each batch is one short statement on a pooled connection (about
 * 0.1 s), and the next batch is parsed while the last one is written (at most one in flight).
 */
const INSERT_BATCH = 2000;
/** Reasons kept for the answer; the count is always complete. */
const SKIPPED_KEPT = 100;

/**
 * The CSV's first bytes (up to the end of the header line, at most 64 KB) and a stream of the
 * whole file again, so the delimiter can be chosen before parsing starts.
 */
async function peekHeader(csv: Readable): Promise<{ head: Buffer; whole: Readable }> {
  const it = csv[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < 64 * 1024 && !chunks.some((c) => c.includes(10))) {
    const next = await it.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  async function* again() {
    try {
      yield* chunks;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    } finally {
      // Stopped early (a refused file): close the source too.
      await it.return?.();
    }
  }
  return { head: Buffer.concat(chunks), whole: Readable.from(again()) };
}

const csvParser = (delimiter: string) =>
  parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
    info: true,
  });

/**
 * Parses the CSV as it streams in, with the mapping, and stores it in short batches (memory
 * stays flat whatever the file's length); throws BadRequestError, and then nothing is kept.
 * More than `limits.maxLines` lines, or an account already at its quota, is refused.
 */
export async function importStatement(
  dashboards: Pool,
  opts: {
    account: string;
    fileName: string;
    uploadedBy: string;
    csv: Readable;
    /** Null: the preset the header fits (docs/ledger.md), else refused. */
    mapping: StatementMapping | null;
    limits: StatementLimits;
    now: Date;
  },
): Promise<ImportResult> {
  const { head, whole } = await peekHeader(opts.csv);
  const parser = csvParser(sniffDelimiter(head));
  // pipeline, not pipe: a failing source destroys the parser, so the loop below ends with it.
  pipeline(whole, parser).catch(() => undefined);
  let statementId: number | null = null;
  let writing: Promise<void> = Promise.resolve();
  try {
    let read: ReturnType<typeof statementLineReader> | null = null;
    let resolved: StatementMapping | null = null;
    let batch: StatementRow[] = [];
    let [rows, lines, skippedCount, timeMin, timeMax] = [0, 0, 0, Infinity, -Infinity];
    const amountDecimals: Record<string, number> = {};
    const skipped: ImportResult['skipped'] = [];
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // The file's line (a quoted field may span several).
      const line = info.lines;
      if (!read) {
        const mapping = opts.mapping ?? detectPreset(record)?.mapping;
        if (!mapping)
          throw new BadRequestError(
            `Choose the columns (map_time, map_amount or map_credit and map_debit, ...): the file's header fits no preset; its columns are ${record.map((c) => `"${c.slice(0, 60)}"`).join(', ')}`.slice(
              0,
              600,
            ),
            'mapping',
          );
        resolved = mapping;
        const missing = missingColumns(record, mapping);
        if (missing.length) {
          throw new BadRequestError(
            `The file has no column ${missing.map((c) => `"${c}"`).join(', ')}; its columns are ${record.map((c) => `"${c.slice(0, 60)}"`).join(', ')}`.slice(
              0,
              600,
            ),
            'mapping',
          );
        }
        read = statementLineReader(record, mapping);
        statementId = await startImport(dashboards, { ...opts, mapping });
        continue;
      }
      if (++lines > opts.limits.maxLines) {
        throw new BadRequestError(
          `The file has more than ${opts.limits.maxLines.toLocaleString('en-US')} lines, the most accepted: split it by date`,
          'file',
        );
      }
      const r = read(record, line);
      if (r === null) continue;
      if ('reason' in r) {
        if (++skippedCount <= SKIPPED_KEPT) skipped.push({ line, reason: r.reason });
        continue;
      }
      for (const row of r) {
        [rows, timeMin, timeMax] = [
          rows + 1,
          Math.min(timeMin, row.time),
          Math.max(timeMax, row.time),
        ];
        amountDecimals[row.currency] = Math.max(amountDecimals[row.currency] ?? 0, row.decimals);
        batch.push(row);
      }
      if (batch.length >= INSERT_BATCH) {
        await writing;
        writing = insertStatementRows(dashboards, statementId!, batch);
        // Rejections are awaited at the next batch or the end; never left unhandled.
        writing.catch(() => undefined);
        batch = [];
      }
    }
    if (rows === 0 || statementId === null) {
      const why = skipped
        .slice(0, 3)
        .map((s) => `line ${s.line}: ${s.reason}`)
        .join('; ');
      throw new BadRequestError(
        `No line of the file could be read${why ? ` (${why})` : ''}`,
        'file',
      );
    }
    await writing;
    await insertStatementRows(dashboards, statementId, batch);
    await finishStatement(
      dashboards,
      {
        ...opts,
        mapping: resolved!,
        statementId,
        amountDecimals,
        rows,
        skipped: skippedCount,
        timeMin,
        timeMax,
      },
      opts.now,
    );
    return { statementId, rows, skipped };
  } catch (err) {
    parser.destroy();
    await writing.catch(() => undefined);
    if (statementId !== null)
      await deleteStatement(dashboards, opts.account, statementId).catch(() => undefined);
    if (err instanceof BadRequestError) throw err;
    if (
      (err as { code?: unknown }).code &&
      String((err as { code: unknown }).code).startsWith('CSV_')
    )
      throw new BadRequestError(
        `The file is not readable CSV: ${(err as Error).message.slice(0, 200)}`,
        'file',
      );
    throw err;
  }
}

/** The statement, marked importing, once the account is known to be under its quota. */
async function startImport(
  dashboards: Pool,
  opts: {
    account: string;
    fileName: string;
    uploadedBy: string;
    mapping: StatementMapping;
    limits: StatementLimits;
    now: Date;
  },
): Promise<number> {
  await removeDeadImports(dashboards, opts.account, opts.now);
  const id = await createImportingStatement(dashboards, opts, opts.now);
  // Counted after creating ours, so that uploads running together cannot all pass.
  if ((await countStatements(dashboards, opts.account, opts.now)) > opts.limits.quota) {
    await deleteStatement(dashboards, opts.account, id);
    throw new StatementQuotaError(opts.limits.quota);
  }
  return id;
}

/** The account keeps its most statements already. */
export class StatementQuotaError extends BadRequestError {
  constructor(quota: number) {
    super(
      `This account already has ${quota} statements, the most kept: delete an old one first`,
      'file',
    );
    this.name = 'StatementQuotaError';
  }
}

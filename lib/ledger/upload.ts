import 'server-only';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Pool } from 'mysql2/promise';
import { z } from 'zod';
import { BadRequestError } from '../core/errors';
import {
  missingColumns,
  statementLineReader,
  type StatementMapping,
  type StatementRow,
} from './domain/statement';
import { saveStatement } from './statements';

/**
 * Upload limit. The app's proxy (proxy.ts) passes at most 10 MB of a request body on unless
 * next.config sets experimental.proxyClientMaxBodySize; the route refuses anything larger up
 * front rather than reading a silently truncated file.
 */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;

const column = z.string().trim().max(200);
const optionalColumn = column.transform((s) => (s === '' ? null : s));

/** The mapping form fields (map_time, map_amount, ... negate=on). */
export const mappingFormSchema = z.object({
  map_time: column.min(1, 'choose the time column'),
  map_amount: column.min(1, 'choose the amount column'),
  map_currency: optionalColumn.default(''),
  map_type: optionalColumn.default(''),
  map_external_id: optionalColumn.default(''),
  map_fee: optionalColumn.default(''),
  negate: z.string().optional(),
});

export function mappingFromForm(form: FormData): StatementMapping {
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
  const r = mappingFormSchema.safeParse(fields);
  if (!r.success)
    throw new BadRequestError(
      `Column mapping: ${r.error.issues[0]?.message ?? 'invalid'}`,
      'mapping',
    );
  const f = r.data;
  return {
    time: f.map_time,
    amount: f.map_amount,
    currency: f.map_currency,
    type: f.map_type,
    externalId: f.map_external_id,
    fee: f.map_fee,
    negate: f.negate === 'on',
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

/** Parses the CSV (streamed, line by line) with the mapping and stores it; throws BadRequestError. */
export async function importStatement(
  dashboards: Pool,
  opts: {
    account: string;
    fileName: string;
    uploadedBy: string;
    bytes: Buffer;
    mapping: StatementMapping;
    now: Date;
  },
): Promise<ImportResult> {
  const parser = Readable.from([opts.bytes]).pipe(
    parse({
      bom: true,
      delimiter: sniffDelimiter(opts.bytes),
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      info: true,
    }),
  );
  let read: ReturnType<typeof statementLineReader> | null = null;
  const rows: StatementRow[] = [];
  const skipped: ImportResult['skipped'] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // The file's line (a quoted field may span several).
      const line = info.lines;
      if (!read) {
        const missing = missingColumns(record, opts.mapping);
        if (missing.length) {
          throw new BadRequestError(
            `The file has no column ${missing.map((c) => `"${c}"`).join(', ')}; its columns are ${record.map((c) => `"${c}"`).join(', ')}`,
            'mapping',
          );
        }
        read = statementLineReader(record, opts.mapping);
        continue;
      }
      const r = read(record, line);
      if (r === null) continue;
      if ('reason' in r) skipped.push({ line, reason: r.reason });
      else rows.push(r);
    }
  } catch (err) {
    if (err instanceof BadRequestError) throw err;
    throw new BadRequestError(
      `The file is not readable CSV: ${(err as Error).message.slice(0, 200)}`,
      'file',
    );
  }
  if (rows.length === 0) {
    const why = skipped
      .slice(0, 3)
      .map((s) => `line ${s.line}: ${s.reason}`)
      .join('; ');
    throw new BadRequestError(`No line of the file could be read${why ? ` (${why})` : ''}`, 'file');
  }
  const statementId = await saveStatement(
    dashboards,
    {
      account: opts.account,
      fileName: opts.fileName,
      uploadedBy: opts.uploadedBy,
      mapping: opts.mapping,
      rows,
      skipped: skipped.length,
    },
    opts.now,
  );
  return { statementId, rows: rows.length, skipped };
}

import 'server-only';
import { BadRequestError, ConfigError, DatabaseUnreachableError } from '../core/errors';
import { parseLedgerQuery, type LedgerQuery } from './domain/query';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import { ledgerAccountNames, openLedger } from './open';
import type { LedgerSource } from './source';
import type { RollupStatus } from '../rollup/read';

type SearchParams = Record<string, string | string[]>;

export function searchParamsOf(url: string): SearchParams {
  const out: SearchParams = {};
  for (const [k, v] of new URL(url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Shared start of the ledger route handlers: the account (404 JSON listing the accounts), the
 * window and the query (400 JSON naming the parameter), or a Response to return as is.
 */
export async function openLedgerRequest(
  exchange: string,
  url: string,
  now: Date,
): Promise<
  { source: LedgerSource; rollup: RollupStatus; window: TimeWindow; q: LedgerQuery } | Response
> {
  try {
    const opened = await openLedger(decodeURIComponent(exchange));
    if (!opened) {
      return Response.json(
        {
          error: `No exchange account named ${decodeURIComponent(exchange)}`,
          accounts: await ledgerAccountNames(),
        },
        { status: 404 },
      );
    }
    const sp = searchParamsOf(url);
    return { ...opened, window: parseTimeWindow(sp, now), q: parseLedgerQuery(sp) };
  } catch (err) {
    return errorResponse(err);
  }
}

/** Known errors as JSON (400 bad request, 503 database or configuration); the rest rethrown. */
export function errorResponse(err: unknown): Response {
  if (err instanceof BadRequestError) {
    return Response.json(
      { error: err.message, param: err.param ?? null, example: err.example ?? null },
      { status: 400 },
    );
  }
  if (err instanceof DatabaseUnreachableError || err instanceof ConfigError)
    return Response.json({ error: err.message }, { status: 503 });
  throw err;
}

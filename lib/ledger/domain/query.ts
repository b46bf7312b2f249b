import { z } from 'zod';
import { BadRequestError } from '../../core/errors';
import { ownQueryValue } from '../../core/query';
import { parseTimeWindow, type TimeWindow } from '../../core/time/time-window';
import { decodeLedgerKey } from './key';
import { LEDGER_ROW_TYPES, type LedgerKey, type LedgerRowType } from './types';

/**
 * The ledger's query string besides start/end (same for the page, the JSON and the CSV):
 *   currency=BTC               only rows in that currency (balance column of that currency only)
 *   type=trade&type=fee        only those row types (repeat or comma-separate)
 *   sort=newest|oldest         time order, newest first by default
 *   size=100                   rows per page: 50, 100, 250, 500 or 1000
 *   cursor=after:<key>|before:<key>   keyset position (see ledger-key.ts); dropped on window change
 */
export const PAGE_SIZES = [50, 100, 250, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 100;

export interface LedgerQuery {
  currency: string | null;
  types: LedgerRowType[] | null;
  sort: 'newest' | 'oldest';
  pageSize: number;
  cursor: { direction: 'after' | 'before'; key: LedgerKey } | null;
}

type QueryValue = string | string[] | null | undefined;
export type LedgerQueryInput = Record<string, QueryValue>;

const currencySchema = z
  .string()
  .regex(/^[A-Za-z0-9]{2,8}$/, 'a currency code of 2 to 8 letters or digits, e.g. BTC')
  .transform((s) => s.toUpperCase());
const typeSchema = z
  .string()
  .refine(
    (s): s is LedgerRowType => (LEDGER_ROW_TYPES as readonly string[]).includes(s),
    `one of ${LEDGER_ROW_TYPES.join(', ')}`,
  )
  .transform((s) => s as LedgerRowType);
const sortSchema = z
  .string()
  .refine((s) => s === 'newest' || s === 'oldest', 'newest or oldest')
  .transform((s) => s as 'newest' | 'oldest');
const sizeSchema = z.coerce
  .number()
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `one of ${PAGE_SIZES.join(', ')}`);

const EXAMPLES = {
  currency: 'BTC',
  type: 'trade',
  sort: 'newest',
  size: '100',
  cursor: 'after:1709294405-t123-1',
};

function values(q: LedgerQueryInput, param: string): string[] {
  const v = ownQueryValue(q, param);
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

function one(q: LedgerQueryInput, param: keyof typeof EXAMPLES): string | null {
  const list = values(q, param);
  if (list.length > 1)
    throw new BadRequestError(
      `${param} is given ${list.length} times; give it once`,
      param,
      EXAMPLES[param],
    );
  return list[0] ?? null;
}

function check<T>(schema: z.ZodType<T>, text: string, param: keyof typeof EXAMPLES): T {
  const r = schema.safeParse(text);
  if (r.success) return r.data;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new BadRequestError(
    `Invalid ${param} "${shown}": expected ${r.error.issues[0]?.message ?? 'another value'}`,
    param,
    EXAMPLES[param],
  );
}

/** Throws BadRequestError naming the parameter and a valid example. */
export function parseLedgerQuery(q: LedgerQueryInput): LedgerQuery {
  const currencyText = one(q, 'currency');
  const typeTexts = values(q, 'type').flatMap((s) =>
    s
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
  const types = typeTexts.map((t) => check(typeSchema, t, 'type'));
  const sortText = one(q, 'sort');
  const sizeText = one(q, 'size');
  const cursorText = one(q, 'cursor');
  let cursor: LedgerQuery['cursor'] = null;
  if (cursorText !== null) {
    const m = /^(after|before):(.+)$/.exec(cursorText);
    const key = m ? decodeLedgerKey(m[2]) : null;
    if (!m || !key) {
      throw new BadRequestError(
        `Invalid cursor "${cursorText.slice(0, 40)}": use the Next/Previous links, or drop the cursor to start at the first page`,
        'cursor',
        EXAMPLES.cursor,
      );
    }
    cursor = { direction: m[1] as 'after' | 'before', key };
  }
  return {
    currency: currencyText === null ? null : check(currencySchema, currencyText, 'currency'),
    types:
      types.length === 0 || types.length === LEDGER_ROW_TYPES.length
        ? null
        : [...new Set(types)].sort(),
    sort: sortText === null ? 'newest' : check(sortSchema, sortText.toLowerCase(), 'sort'),
    pageSize: sizeText === null ? DEFAULT_PAGE_SIZE : check(sizeSchema, sizeText, 'size'),
    cursor,
  };
}

/**
 * The whole query string of the ledger page, its JSON and its CSV: the window, then the rest.
 * The proxy's parameter gate calls this too, so a page's status and its message agree.
 */
export function parseLedgerRequestQuery(
  q: LedgerQueryInput,
  now: Date,
): { window: TimeWindow; query: LedgerQuery } {
  return { window: parseTimeWindow(q, now), query: parseLedgerQuery(q) };
}

/** The query string of a ledger URL (start/end not included); defaults are left out. */
export function ledgerQueryParams(q: Partial<LedgerQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.currency) p.set('currency', q.currency);
  for (const t of q.types ?? []) p.append('type', t);
  if (q.sort && q.sort !== 'newest') p.set('sort', q.sort);
  if (q.pageSize && q.pageSize !== DEFAULT_PAGE_SIZE) p.set('size', String(q.pageSize));
  return p;
}

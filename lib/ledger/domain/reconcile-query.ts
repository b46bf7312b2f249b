import { BadRequestError } from '../../core/errors';
import { parseTimeWindow, type TimeWindow } from '../../core/time/time-window';

/** Seconds two times may differ by and still match, when the query string does not say. */
export const DEFAULT_TOLERANCE_SECONDS = 120;
export const MAX_TOLERANCE_SECONDS = 86_400;

type QueryValue = string | string[] | null | undefined;

export interface ReconcileQuery {
  /** The window asked for; null: the days the statement covers (known only from the database). */
  window: TimeWindow | null;
  toleranceSeconds: number;
}

/**
 * The query string of /ledger/<account>/reconcile/<id>: `start`/`end` (optional: without them
 * the statement's own days) and `tolerance` in whole seconds. Throws BadRequestError naming
 * the parameter; the proxy's parameter gate and the page both call this.
 */
export function parseReconcileQuery(
  q: { start?: QueryValue; end?: QueryValue; tolerance?: QueryValue },
  now: Date,
): ReconcileQuery {
  const given = (v: QueryValue) => (Array.isArray(v) ? v.length > 0 : Boolean(v?.trim()));
  const window = given(q.start) || given(q.end) ? parseTimeWindow(q, now) : null;
  return { window, toleranceSeconds: parseTolerance(q.tolerance) };
}

function parseTolerance(value: QueryValue): number {
  if (Array.isArray(value) && value.length > 1)
    throw new BadRequestError(
      `tolerance is given ${value.length} times; give it once`,
      'tolerance',
      '120',
    );
  const raw = Array.isArray(value) ? value[0] : value;
  const text = raw?.trim() ?? '';
  if (text === '') return DEFAULT_TOLERANCE_SECONDS;
  if (!/^\d{1,5}$/.test(text) || Number(text) > MAX_TOLERANCE_SECONDS) {
    const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
    throw new BadRequestError(
      `Invalid tolerance "${shown}": whole seconds from 0 to ${MAX_TOLERANCE_SECONDS}`,
      'tolerance',
      '120',
    );
  }
  return Number(text);
}

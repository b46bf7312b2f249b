import { BadRequestError } from '../../core/errors';
import { parseFixed, type Fixed } from '../../core/money/fixed';
import { parseTimeWindow, type TimeWindow } from '../../core/time/time-window';

/** Seconds two times may differ by and still match, when the query string does not say. */
export const DEFAULT_TOLERANCE_SECONDS = 120;
export const MAX_TOLERANCE_SECONDS = 86_400;

type QueryValue = string | string[] | null | undefined;

export interface ReconcileQuery {
  /** The window asked for; null: the days the statement covers (known only from the database). */
  window: TimeWindow | null;
  toleranceSeconds: number;
  /**
   * Amount tolerance per statement movement, in every currency (`amountTolerance`); null: half
   * a unit of the statement's own precision in each currency.
   */
  amountTolerance: Fixed | null;
}

/** The largest amountTolerance accepted (in the currency's units). */
export const MAX_AMOUNT_TOLERANCE = 1_000_000;

/**
 * The query string of /ledger/<account>/reconcile/<id>: `start`/`end` (optional: without them
 * the statement's own days), `tolerance` in whole seconds and `amountTolerance` (a decimal
 * amount, e.g. 0.01). Throws BadRequestError naming the parameter; the proxy's parameter gate
 * and the page both call this.
 */
export function parseReconcileQuery(
  q: { start?: QueryValue; end?: QueryValue; tolerance?: QueryValue; amountTolerance?: QueryValue },
  now: Date,
): ReconcileQuery {
  const given = (v: QueryValue) => (Array.isArray(v) ? v.length > 0 : Boolean(v?.trim()));
  const window = given(q.start) || given(q.end) ? parseTimeWindow(q, now) : null;
  return {
    window,
    toleranceSeconds: parseTolerance(q.tolerance),
    amountTolerance: parseAmountTolerance(q.amountTolerance),
  };
}

function parseAmountTolerance(value: QueryValue): Fixed | null {
  if (Array.isArray(value) && value.length > 1)
    throw new BadRequestError(
      `amountTolerance is given ${value.length} times; give it once`,
      'amountTolerance',
      '0.01',
    );
  const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  if (text === '') return null;
  if (!/^\d{1,7}(\.\d{1,18})?$/.test(text) || Number(text) > MAX_AMOUNT_TOLERANCE) {
    const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
    throw new BadRequestError(
      `Invalid amountTolerance "${shown}": a decimal amount from 0 to ${MAX_AMOUNT_TOLERANCE.toLocaleString('en-US')} with at most 18 decimals (e.g. 0.01), allowed per statement line in every currency`,
      'amountTolerance',
      '0.01',
    );
  }
  return parseFixed(text);
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

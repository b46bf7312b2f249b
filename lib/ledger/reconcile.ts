import 'server-only';
import { BadRequestError } from '../core/errors';
import { fixedToString } from '../core/money/fixed';
import { encodeLedgerKey } from './domain/key';
import {
  findDivergence,
  halfUnit,
  ourMovements,
  reconcile,
  theirMovements,
  type Movement,
} from './domain/reconcile';
import type { Fixed } from '../core/money/fixed';
import type { TimeWindow } from '../core/time/window-shift';
import { collectRows } from './page-rows';
import type { LedgerSource } from './source';
import { countStatementRows, readStatementRows, type StatementInfo } from './statements';

/**
 * Rows per side a reconciliation holds in memory (a 10 MB statement has about 175,000 lines);
 * a longer window is refused, counted before anything is loaded.
 */
export const MAX_RECONCILE_ROWS = 250_000;
/** Lists on the page are cut here; the counts are always complete. */
const LIST_LIMIT = 500;
export { DEFAULT_TOLERANCE_SECONDS } from './domain/reconcile-query';

export interface MovementView {
  time: string;
  currency: string;
  amount: string;
  label: string;
  ref: string;
  /** The exchange's id of the row or line (ours: exchange_trade_id or the transfer's). */
  externalId: string | null;
  /** Ours only: our own id ("trade 123"). */
  ourId: string | null;
}

/** The amount tolerance used for one currency, per statement movement. */
export interface AmountToleranceView {
  currency: string;
  /** Decimal string. */
  tolerance: string;
  /** The statement's precision it was derived from; null when given by `amountTolerance`. */
  decimals: number | null;
}

export interface ReconcileView {
  window: { start: string; end: string };
  toleranceSeconds: number;
  amountTolerances: AmountToleranceView[];
  currencies: string[];
  counts: {
    ours: number;
    theirs: number;
    matchedById: number;
    matchedByTime: number;
    mismatched: number;
    unmatchedOurs: number;
    unmatchedTheirs: number;
  };
  mismatched: Array<{
    externalId: string;
    currency: string;
    time: string;
    ours: string;
    theirs: string;
    difference: string;
    ourRefs: string[];
    theirRefs: string[];
  }>;
  unmatchedOurs: MovementView[];
  unmatchedTheirs: MovementView[];
  divergence: {
    time: string;
    currency: string;
    difference: string;
    /** Our row (its key) where the balances part, if one of ours is there. */
    ourRef: string | null;
    theirRef: string | null;
  } | null;
  finalDifference: Array<{ currency: string; difference: string }>;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const view = (m: Movement): MovementView => ({
  time: iso(m.time),
  currency: m.currency,
  amount: fixedToString(m.amount),
  label: m.label,
  ref: m.ref,
  externalId: m.externalId,
  ourId: m.ourId ?? null,
});

/**
 * The default window: the whole UTC days the statement's lines fall on. Statements usually
 * cover whole days, and the exchange's clock differs from ours by seconds, so the statement's
 * own first and last instants would cut off our rows at the edges.
 */
export function statementWindow(s: StatementInfo): TimeWindow | null {
  if (!s.timeMin || !s.timeMax) return null;
  const day = 86_400_000;
  return {
    start: new Date(Math.floor(s.timeMin.getTime() / day) * day),
    end: new Date(Math.floor(s.timeMax.getTime() / day) * day + day),
  };
}

/**
 * Both sides over the window: our rows (only in currencies the statement has, so a BTC
 * wallet statement is not compared with USD rows) and the statement's lines, matched and
 * with the point where the running balances part.
 */
export async function loadReconciliation(
  src: LedgerSource,
  statement: StatementInfo,
  window: TimeWindow,
  toleranceSeconds: number,
  /** Per statement movement in every currency; null: half a unit of the statement's precision. */
  amountTolerance: Fixed | null = null,
): Promise<ReconcileView> {
  const from = Math.ceil(window.start.getTime() / 1000);
  const to = Math.ceil(window.end.getTime() / 1000);
  const theirCount = await countStatementRows(src.dashboards, statement.statementId, from, to);
  if (theirCount > MAX_RECONCILE_ROWS)
    throw new BadRequestError(
      `The statement has more than ${MAX_RECONCILE_ROWS.toLocaleString('en-US')} lines in this window: choose a shorter window`,
      'end',
    );
  const theirRows = await readStatementRows(src.dashboards, statement.statementId, from, to);
  const currencies = [...new Set(theirRows.map((r) => r.currency))].sort();
  const ourRows = (
    await collectRows(
      src,
      { from, to },
      { currency: null, types: null },
      'asc',
      null,
      MAX_RECONCILE_ROWS + 1,
    )
  ).filter((r) => currencies.includes(r.currency));
  if (ourRows.length > MAX_RECONCILE_ROWS)
    throw new BadRequestError(
      `The ledger has more than ${MAX_RECONCILE_ROWS.toLocaleString('en-US')} rows in this window: choose a shorter window`,
      'end',
    );
  // The statement's precision per currency: as recorded at upload, else the most decimals of
  // its stored amounts (older statements; trailing zeros are lost there).
  const decimals = new Map<string, number>();
  for (const row of theirRows)
    decimals.set(row.currency, Math.max(decimals.get(row.currency) ?? 0, row.decimals));
  for (const [c, d] of Object.entries(statement.amountDecimals ?? {}))
    if (decimals.has(c)) decimals.set(c, d);
  const tolerances = new Map(
    currencies.map((c) => [c, amountTolerance ?? halfUnit(decimals.get(c) ?? 0)]),
  );
  const ours = ourMovements(ourRows, (r) => encodeLedgerKey(r.key));
  const theirs = theirMovements(theirRows);
  const r = reconcile(ours, theirs, toleranceSeconds, (c) => tolerances.get(c) ?? 0n);
  const { first, final } = findDivergence(r);
  return {
    window: { start: iso(from), end: iso(to) },
    toleranceSeconds,
    amountTolerances: currencies.map((currency) => ({
      currency,
      tolerance: fixedToString(tolerances.get(currency)!, 36),
      decimals: amountTolerance === null ? (decimals.get(currency) ?? 0) : null,
    })),
    currencies,
    counts: {
      ours: ours.length,
      theirs: theirs.length,
      matchedById: r.matchedById.length,
      matchedByTime: r.matchedByTime.length,
      mismatched: r.mismatched.length,
      unmatchedOurs: r.unmatchedOurs.length,
      unmatchedTheirs: r.unmatchedTheirs.length,
    },
    mismatched: r.mismatched.slice(0, LIST_LIMIT).map((g) => ({
      externalId: g.externalId,
      currency: g.currency,
      time: iso(g.time),
      ours: fixedToString(g.ours),
      theirs: fixedToString(g.theirs),
      difference: fixedToString(g.ours - g.theirs),
      ourRefs: g.ourRefs,
      theirRefs: g.theirRefs,
    })),
    unmatchedOurs: r.unmatchedOurs.slice(0, LIST_LIMIT).map(view),
    unmatchedTheirs: r.unmatchedTheirs.slice(0, LIST_LIMIT).map(view),
    divergence: first
      ? {
          time: iso(first.time),
          currency: first.currency,
          difference: fixedToString(first.difference),
          ourRef: first.ourRef,
          theirRef: first.theirRef,
        }
      : null,
    finalDifference: [...final]
      .filter(([, v]) => v !== 0n)
      .map(([currency, v]) => ({ currency, difference: fixedToString(v) })),
  };
}

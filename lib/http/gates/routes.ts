import { parseHistoryQuery } from '../../alerts/domain/history-query';
import { parseAuditQuery } from '../../audit/domain/events';
import { parseTimeWindow, parseTimeZoneParam } from '../../core/time/time-window';
import { parseLedgerRequestQuery } from '../../ledger/domain/query';
import { parseReconcileQuery } from '../../ledger/domain/reconcile-query';
import { parseUploadErrorCode } from '../../ledger/domain/upload-error';
import { parseReportWindow } from '../../report/domain/window';
import { parseLogPage } from '../../notify/domain/log-page';
import { parsePeriodWindow } from '../../notify/domain/period';

export type Query = Record<string, string | string[]>;

/**
 * The routes under app/ whose paths take parameters, as the parameter gate sees them: literal
 * segments and `:name` for a dynamic one (the folder's `[name]`). `check` is the page's own
 * parser of its query string (throws BadRequestError naming the parameter): the gate and the
 * page call the same function, so the status and the message agree. Route handlers answer
 * their own 400s and have no `check`. Listed literal-first, as Next prefers a literal segment.
 * tests/browser/fuzz.test.ts requests every route file under app/, so a route missing here
 * shows up there as a 400 that names no parameter.
 */
export interface GatedRoute {
  segments: string[];
  check?: (q: Query, now: Date) => unknown;
}

export const ROUTES: GatedRoute[] = [
  // the overview: `tz` only (its today is the display zone's)
  { segments: [], check: (q) => parseTimeZoneParam(q) },
  { segments: ['fund'], check: (q, now) => parseTimeWindow(q, now) },
  { segments: ['fund', 'report'], check: (q, now) => parseReportWindow(q, now) },
  { segments: ['strategy', ':actor'], check: (q, now) => parseTimeWindow(q, now) },
  { segments: ['strategy', ':actor', 'report'], check: (q, now) => parseReportWindow(q, now) },
  { segments: ['strategy', ':actor', 'quality'], check: (q, now) => parseTimeWindow(q, now) },
  { segments: ['ledger', ':exchange'], check: (q, now) => parseLedgerRequestQuery(q, now) },
  { segments: ['ledger', ':exchange', 'reconcile'], check: (q) => parseUploadErrorCode(q.error) },
  {
    segments: ['ledger', ':exchange', 'reconcile', ':statementId'],
    check: (q, now) => parseReconcileQuery(q, now),
  },
  { segments: ['ledger', ':exchange', 'reconcile', ':statementId', 'delete'] },
  { segments: ['ledger', ':exchange', ':currency'] },
  {
    segments: ['admin', 'audit'],
    check: (q, now) => [parseTimeZoneParam(q), parseAuditQuery(q, now)],
  },
  { segments: ['admin', 'users'] },
  { segments: ['account'] },
  { segments: ['alerts', 'channels'], check: (q) => parseLogPage(q) },
  { segments: ['alerts', 'reports'] },
  { segments: ['reports', 'period'], check: (q, now) => parsePeriodWindow(q, now) },
  { segments: ['status'] },
  { segments: ['alerts'] },
  { segments: ['alerts', 'history'], check: (q) => parseHistoryQuery(q) },
  { segments: ['api', 'status'] },
  { segments: ['api', 'alerts'] },
  { segments: ['api', 'window'] },
  { segments: ['api', 'admin', 'audit'] },
  { segments: ['api', 'fund'] },
  { segments: ['api', 'fund', 'report'] },
  { segments: ['api', 'health'] },
  { segments: ['api', 'strategy', ':actor'] },
  { segments: ['api', 'strategy', ':actor', 'report'] },
  { segments: ['api', 'strategy', ':actor', 'quality'] },
  { segments: ['api', 'ledger', ':exchange', 'csv'] },
  { segments: ['api', 'ledger', ':exchange', 'statements', ':statementId'] },
  { segments: ['api', 'ledger', ':exchange', 'statements'] },
  { segments: ['api', 'ledger', ':exchange'] },
];

/** The route whose segments fit (a dynamic segment fits anything), or null. */
export function matchRoute(segments: string[]): GatedRoute | null {
  return (
    ROUTES.find(
      (r) =>
        r.segments.length === segments.length &&
        r.segments.every((s, i) => s.startsWith(':') || s === segments[i]),
    ) ?? null
  );
}

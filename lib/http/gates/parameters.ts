import { parseTimeWindow } from '../../core/time/time-window';
import type { GateDecision, GateRequest } from './types';

/**
 * Pages whose parameters are invalid are answered 400 here; the page (which parses the same
 * parameters) renders the message. Route handlers answer their own 400s.
 */
export function parameterGate(request: GateRequest): GateDecision {
  if (request.nextUrl.pathname.startsWith('/api/')) return null;
  return hasInvalidWindow(request.nextUrl.searchParams) ? { kind: 'status', status: 400 } : null;
}

function hasInvalidWindow(q: URLSearchParams): boolean {
  if (!q.has('start') && !q.has('end')) return false;
  try {
    parseTimeWindow({ start: q.getAll('start'), end: q.getAll('end') }, new Date());
    return false;
  } catch {
    return true;
  }
}

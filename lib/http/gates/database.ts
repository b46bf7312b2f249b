import { getEnv } from '../../core/env';
import { checkDatabase, RETRY_AFTER_SECONDS, unreachableMessage } from '../../db/health';
import { databaseUnavailableResponse } from '../unavailable';
import type { GateDecision, GateRequest } from './types';

/**
 * A database known to be unreachable (lib/db/health.ts: a probe at most every 2 s, 1.5 s at
 * most when the server is frozen): every page and API needs both, the dashboards database for
 * the session and the trading database for the data. APIs get the 503 JSON from here; pages
 * get status 503 and Retry-After and render the message themselves (their own queries fail
 * at once, lib/db/pool-guard.ts), with the navigation. The dashboards database is named first:
 * without it nothing, not even the session, can be checked.
 */
export async function databaseGate(request: GateRequest): Promise<GateDecision> {
  let env;
  try {
    env = getEnv();
  } catch {
    return null; // a configuration problem: each page says which key is wrong
  }
  const [dashboards, trading] = await Promise.all([
    checkDatabase('dashboards', env.dashboardDb),
    checkDatabase('trading', env.tradingDb),
  ]);
  const down = [dashboards, trading].find((h) => !h.ok);
  if (!down) return null;
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return {
      kind: 'respond',
      response: databaseUnavailableResponse(unreachableMessage(down), down.database),
    };
  }
  return {
    kind: 'status',
    status: 503,
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  };
}

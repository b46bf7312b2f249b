import { getEnv } from '@/lib/core/env';
import { checkDatabase } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health, for load balancers and monitoring: no login, no data, no addresses. 200
 * `{status: 'ok', databases: {dashboards: 'ok', trading: 'ok'}}` when both databases answer;
 * 503 `status: 'degraded'` naming the one that does not (the answer is at most 2 s old and
 * takes at most 1.5 s).
 */
export async function GET() {
  let env;
  try {
    env = getEnv();
  } catch {
    return Response.json(
      { status: 'degraded', error: 'configuration invalid' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const [dashboards, trading] = await Promise.all([
    checkDatabase('dashboards', env.dashboardDb),
    checkDatabase('trading', env.tradingDb),
  ]);
  const ok = dashboards.ok && trading.ok;
  const state = (h: { ok: boolean }) => (h.ok ? 'ok' : 'unreachable');
  return Response.json(
    {
      status: ok ? 'ok' : 'degraded',
      databases: { dashboards: state(dashboards), trading: state(trading) },
    },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}

import { requireApiUser } from '@/lib/auth/session';
import { handleStrategyReportRequest } from '@/lib/strategy/report-request';
import { apiUnavailable, queryOf, respond } from '../../../respond';

export const dynamic = 'force-dynamic';

/** GET /api/strategy/<name>/report?start=…&end=…: the performance report page's data as JSON. */
export async function GET(request: Request, ctx: { params: Promise<{ actor: string }> }) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  const key = (await ctx.params).actor;
  const result = await handleStrategyReportRequest(key, queryOf(request), new Date());
  return respond(result, { knownAs: 'strategies' });
}

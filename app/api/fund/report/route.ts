import { requireApiUser } from '@/lib/auth/session';
import { handleFundReportRequest } from '@/lib/fund/report-request';
import { apiUnavailable, queryOf, respond } from '../../respond';

export const dynamic = 'force-dynamic';

/** GET /api/fund/report?start=…&end=…: the fund performance report page's data as JSON. */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  return respond(await handleFundReportRequest(queryOf(request), new Date()));
}

import { requireApiUser } from '@/lib/auth/session';
import { handleFundRequest } from '@/lib/fund/request';
import { apiUnavailable, queryOf, respond } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/fund?start=…&end=…: every figure, part, table and series of the fund page as JSON. */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  return respond(await handleFundRequest(queryOf(request), new Date()));
}

import { requireApiUser } from '@/lib/auth/session';
import { handleFundRequest } from '@/lib/fund/request';
import { apiUnavailable, queryOf, respond } from '../respond';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';

export const dynamic = 'force-dynamic';

/** GET /api/fund?start=…&end=…: every figure, part, table and series of the fund page as JSON. */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  const now = new Date();
  // How fresh the data is, read in the same request (lib/db/trading/data-as-of.ts).
  const [result, dataAsOf] = await Promise.all([
    handleFundRequest(queryOf(request), now),
    loadDataAsOf(now),
  ]);
  return respond(result, { ok: (r) => Response.json({ ...r.data, dataAsOf }) });
}

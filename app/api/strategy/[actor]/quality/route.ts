import { requireApiUser } from '@/lib/auth/session';
import { handleQualityRequest } from '@/lib/quality/request';
import { apiUnavailable, queryOf, respond } from '../../../respond';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';

export const dynamic = 'force-dynamic';

/** GET /api/strategy/<name>/quality?start=…&end=…: the quality page's data as JSON. */
export async function GET(request: Request, ctx: { params: Promise<{ actor: string }> }) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const key = (await ctx.params).actor;
  const now = new Date();
  // How fresh the data is, read in the same request (lib/db/trading/data-as-of.ts).
  const [result, dataAsOf] = await Promise.all([
    handleQualityRequest(key, queryOf(request), now),
    loadDataAsOf(now),
  ]);
  return respond(result, {
    knownAs: 'strategies',
    ok: (r) => Response.json({ ...r.data, dataAsOf }),
  });
}

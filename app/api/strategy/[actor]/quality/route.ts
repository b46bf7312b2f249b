import { requireApiUser } from '@/lib/auth/session';
import { handleQualityRequest } from '@/lib/quality/request';
import { apiUnavailable, queryOf, respond } from '../../../respond';

export const dynamic = 'force-dynamic';

/** GET /api/strategy/<name>/quality?start=…&end=…: the quality page's data as JSON. */
export async function GET(request: Request, ctx: { params: Promise<{ actor: string }> }) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const key = (await ctx.params).actor;
  const result = await handleQualityRequest(key, queryOf(request), new Date());
  return respond(result, { knownAs: 'strategies' });
}

import { requireApiUser } from '@/lib/auth/session';
import { customWindowLocation } from '@/lib/core/time/custom-window';
import { apiUnavailable, queryOf } from '../respond';

export const dynamic = 'force-dynamic';

/**
 * GET /api/window: the window control's Custom… form in a display zone other than UTC. Its
 * date-time fields hold that zone's wall clock; the answer is a 303 to the page with `start` and
 * `end` in ISO 8601 with the zone's offsets (lib/core/time/custom-window.ts). A bad field is a
 * 400 naming it, as every API's.
 */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  const result = customWindowLocation(queryOf(request));
  if (!result.ok)
    return Response.json(
      { error: result.message, param: result.param, example: result.example },
      { status: 400 },
    );
  // A relative Location: the browser resolves it against the address it used (a reverse proxy's).
  return new Response(null, {
    status: 303,
    headers: { Location: result.location, 'Cache-Control': 'no-store' },
  });
}

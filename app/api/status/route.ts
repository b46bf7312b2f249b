import { requireApiUser } from '@/lib/auth/session';
import { DatabaseUnreachableError } from '@/lib/core/errors';
import { loadStatus } from '@/lib/status/load';
import { databaseUnavailableResponse } from '@/lib/http/unavailable';
import { apiUnavailable } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/status: the status board as JSON (the same loadStatus as /status). */
export async function GET() {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  try {
    return Response.json(await loadStatus(user, new Date()));
  } catch (err) {
    if (err instanceof DatabaseUnreachableError)
      return databaseUnavailableResponse(err.message, err.database);
    throw err;
  }
}

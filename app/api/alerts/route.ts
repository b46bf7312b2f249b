import { requireApiUser } from '@/lib/auth/session';
import { DatabaseUnreachableError } from '@/lib/core/errors';
import { databaseUnavailableResponse } from '@/lib/http/unavailable';
import { loadAlertHistory, loadAlerts } from '@/lib/alerts/load';
import { apiUnavailable, queryOf, respond } from '../respond';

export const dynamic = 'force-dynamic';

/**
 * GET /api/alerts: the rules in force and the current alerts (as /alerts);
 * GET /api/alerts?history=1&rule=…&subject=…&state=…&page=…: the history (as /alerts/history).
 */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  const q = queryOf(request);
  const { history, ...rest } = q;
  try {
    // Other parameters are ignored, as by the other JSON routes.
    if (history !== undefined) return respond(await loadAlertHistory(rest));
    return Response.json(await loadAlerts());
  } catch (err) {
    if (err instanceof DatabaseUnreachableError)
      return databaseUnavailableResponse(err.message, err.database);
    throw err;
  }
}

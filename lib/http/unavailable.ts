import { RETRY_AFTER_SECONDS } from '../db/health';

/**
 * The one 503 of an API request while a database is unreachable (from the proxy's database
 * gate or from a route): `{error, database, retryAfter}` and a Retry-After header. The
 * message names the database and its host:port, never the user or password.
 */
export function databaseUnavailableResponse(
  message: string,
  database: 'dashboards' | 'trading',
): Response {
  return Response.json(
    { error: message, database, retryAfter: RETRY_AFTER_SECONDS },
    { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  );
}

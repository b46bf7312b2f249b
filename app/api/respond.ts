import { DatabaseUnreachableError } from '@/lib/core/errors';
import type { BadRequest, NotFound, Unavailable } from '@/lib/core/request-result';
import { databaseUnavailableResponse } from '@/lib/http/unavailable';

/**
 * A request's result (lib/core/request-result.ts) as HTTP, the one mapping of every API route:
 * ok -> 200 with `data` as JSON (or what `ok` builds, e.g. a CSV stream), bad request -> 400
 * naming the parameter with a valid example, not found -> 404 listing what exists (under
 * `knownAs`), unavailable (configuration, database) -> 503
 * (for a database: `{error, database, retryAfter}` and Retry-After). Not a route: no handler here.
 */
export function respond<Ok extends { kind: 'ok'; data: unknown }>(
  result: Ok | BadRequest<unknown> | NotFound | Unavailable,
  opts: { ok?: (result: Ok) => Response; knownAs?: string } = {},
): Response {
  switch (result.kind) {
    case 'ok':
      return opts.ok ? opts.ok(result) : Response.json(result.data);
    case 'bad-request':
      return Response.json(
        {
          error: result.error.message,
          param: result.error.param ?? null,
          example: result.error.example ?? null,
        },
        { status: 400 },
      );
    case 'not-found':
      return Response.json(
        { error: result.message, ...(opts.knownAs ? { [opts.knownAs]: result.known } : {}) },
        { status: 404 },
      );
    case 'unavailable':
      return result.database
        ? databaseUnavailableResponse(result.message, result.database)
        : Response.json({ error: result.message }, { status: 503 });
  }
}

/**
 * For a route's session check (`await requireApiUser().catch(apiUnavailable)`): the user
 * database unreachable is a 503 JSON answer, not a 500; anything else is rethrown.
 */
export function apiUnavailable(err: unknown): Response {
  if (err instanceof DatabaseUnreachableError)
    return databaseUnavailableResponse(err.message, err.database);
  throw err;
}

/**
 * The query string as pages receive it: a repeated parameter becomes an array. No prototype, so
 * `?__proto__=x` or `?constructor=x` are parameters like any other.
 */
export function queryOf(request: Request): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URL(request.url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

import { BadRequestError, ConfigError, DatabaseUnreachableError } from './errors';

/** What is wrong with a request: the message, the parameter at fault and a valid example. */
export interface RequestProblem {
  message: string;
  param?: string;
  example?: string;
}

export interface BadRequest<Subject = undefined> {
  kind: 'bad-request';
  error: RequestProblem;
  /** What the request was about (a strategy's name, an account), for the page's heading. */
  subject: Subject;
}

export interface NotFound {
  kind: 'not-found';
  message: string;
  /** What does exist (account names, strategy keys), for the answer to list. */
  known: string[];
}

export interface Unavailable {
  kind: 'unavailable';
  message: string;
  /** The database that could not be reached (absent for a configuration problem). */
  database?: 'dashboards' | 'trading';
}

/**
 * The one result of a page's request, shared by the page and its API route: the page renders
 * each kind, app/api/respond.ts maps it to HTTP (200, 400, 404, 503). `Ok` holds the JSON
 * body (`data`) and whatever else the page needs, e.g. the parsed window. lib/ never builds
 * a Response.
 */
export type RequestResult<Ok extends { data: unknown }, Subject = undefined> =
  ({ kind: 'ok' } & Ok) | BadRequest<Subject> | NotFound | Unavailable;

export function badRequest(err: BadRequestError): BadRequest;
export function badRequest<S>(err: BadRequestError, subject: S): BadRequest<S>;
export function badRequest<S>(err: BadRequestError, subject?: S): BadRequest<S | undefined> {
  return {
    kind: 'bad-request',
    error: { message: err.message, param: err.param, example: err.example },
    subject,
  };
}

/**
 * A known failure as its result: bad input is a bad request, a configuration or database
 * problem makes the page unavailable. Anything else is a bug and is rethrown for the server
 * log. Connection errors must already be DatabaseUnreachableError (lib/db/pool.ts).
 */
export function failureOf(err: unknown): BadRequest | Unavailable;
export function failureOf<S>(err: unknown, subject: S): BadRequest<S> | Unavailable;
export function failureOf<S>(err: unknown, subject?: S): BadRequest<S | undefined> | Unavailable {
  if (err instanceof BadRequestError) return badRequest(err, subject);
  return unavailableOf(err);
}

/** A configuration or database problem as its result; anything else rethrown. */
export function unavailableOf(err: unknown): Unavailable {
  if (err instanceof DatabaseUnreachableError)
    return { kind: 'unavailable', message: err.message, database: err.database };
  if (err instanceof ConfigError) return { kind: 'unavailable', message: err.message };
  throw err;
}

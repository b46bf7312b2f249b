/**
 * The small, closed set of errors that lib/ throws. Pages and CLIs map them to a helpful
 * message; anything else is a bug and goes to the server log.
 */

/** A configuration value (.env key, dashboard.conf entry) is missing or malformed. */
export class ConfigError extends Error {
  readonly kind = 'config' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A database could not be reached or refused our credentials. Never carries a password. */
export class DatabaseUnreachableError extends Error {
  readonly kind = 'database-unreachable' as const;
  constructor(
    message: string,
    readonly database: 'dashboards' | 'trading',
  ) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Something named in the URL (a strategy, an account) does not exist. */
export class NotFoundError extends Error {
  readonly kind = 'not-found' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request's input is invalid; `param` names the offending parameter. */
export class BadRequestError extends Error {
  readonly kind = 'bad-request' as const;
  constructor(
    message: string,
    readonly param?: string,
    readonly example?: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

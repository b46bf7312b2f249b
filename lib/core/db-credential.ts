import { ConfigError } from './errors';

export interface DbCredential {
  host: string;
  port: number;
  socketPath?: string;
  user: string;
  password: string;
  database: string;
  /** mysql2 charset (collation) name, e.g. 'UTF8MB4_GENERAL_CI'. */
  charset: string;
}

/**
 * SQLAlchemy's own URL grammar (sqlalchemy/engine/url.py), so that every string a Gryphon
 * installation already has parses the same way. `new URL()` cannot be used: it rejects the
 * host-less socket form `mysql://u:p@/db?unix_socket=...`. The password runs up to the first
 * `@`, so a literal `@` in it must be written `%40`, as SQLAlchemy requires.
 */
const URL_RE =
  /^(?<scheme>[\w+]+):\/\/(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?(?:\[(?<ipv6>[^/?]+)\]|(?<host>[^/:?]*))?(?::(?<port>[^/?]*))?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?$/s;

/** mysql, mariadb, and any `+driver` variant (pymysql, mysqldb, mysqlconnector, ...). */
const SCHEME_RE = /^(mysql|mariadb)(\+\w+)?$/i;

/**
 * Gryphon's URLs say `charset=utf8`, which on MySQL means the 3-byte utf8mb3. We always talk
 * utf8mb4: it is a superset, so every stored string reads back identically, and 4-byte
 * characters (emoji in a display name) cannot be mangled on the way in.
 */
const UTF8_CHARSETS = new Set(['utf8', 'utf8mb3', 'utf8mb4']);
const MYSQL2_CHARSET = 'UTF8MB4_GENERAL_CI';

export const CREDENTIAL_EXAMPLES: Record<string, string> = {
  DASHBOARD_DB_CRED: 'mysql://dashboards:secret@127.0.0.1:3306/dashboards?charset=utf8',
  TRADING_DB_CRED: 'mysql://gryphon_ro:secret@127.0.0.1:3306/trading?charset=utf8',
};

function decode(part: string, what: string, fail: (why: string) => never): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return fail(`the ${what} has invalid percent-encoding`);
  }
}

/**
 * Parses a Gryphon/SQLAlchemy MySQL URL. Error messages name `key` and show an example; they
 * never contain the password (nor any other part of the value, which may hold it when the
 * URL is malformed).
 */
export function parseDbCredential(key: string, value: string): DbCredential {
  const example = CREDENTIAL_EXAMPLES[key] ?? CREDENTIAL_EXAMPLES.TRADING_DB_CRED;
  const fail = (why: string): never => {
    throw new ConfigError(`${key} is malformed: ${why}; expected e.g. ${key}=${example}`);
  };
  const m = URL_RE.exec(value.trim());
  if (!m?.groups)
    return fail('it is not a URL of the form mysql://user:password@host:port/database');
  const g = m.groups;
  if (!SCHEME_RE.test(g.scheme)) return fail(`scheme "${g.scheme}" is not mysql:// or mariadb://`);
  const user = decode(g.user ?? '', 'user name', fail);
  if (!user) return fail('the user name is missing');
  const password = decode(g.password ?? '', 'password', fail);
  const host = g.ipv6 ?? g.host ?? '';
  // A host containing `@` means the password held an unencoded `@`: do not echo the host.
  if (host.includes('@')) return fail('the password contains "@": write it as %40');
  let port = 3306;
  if (g.port !== undefined && g.port !== '') {
    if (!/^\d{1,5}$/.test(g.port) || Number(g.port) < 1 || Number(g.port) > 65535) {
      return fail('the port must be a number from 1 to 65535');
    }
    port = Number(g.port);
  }
  const database = decode(g.database ?? '', 'database name', fail);
  if (!database) return fail('the database name is missing');
  const query = new URLSearchParams(g.query ?? '');
  const socketPath = query.get('unix_socket') || undefined;
  if (!host && !socketPath) return fail('the host is missing');
  const charset = (query.get('charset') ?? 'utf8mb4').toLowerCase();
  if (!UTF8_CHARSETS.has(charset))
    return fail(`charset "${charset}" is not supported (use utf8 or utf8mb4)`);
  // Other query parameters (SQLAlchemy or driver options) mean nothing to mysql2: ignored.
  return {
    host: host || 'localhost',
    port,
    ...(socketPath ? { socketPath } : {}),
    user,
    password,
    database,
    charset: MYSQL2_CHARSET,
  };
}

/** `user@host:port/db` (or `user@localhost/db via socket /path`) for logs; never the password. */
export function redactCredential(c: DbCredential): string {
  if (c.socketPath) return `${c.user}@${c.host}/${c.database} (socket ${c.socketPath})`;
  return `${c.user}@${c.host}:${c.port}/${c.database}`;
}

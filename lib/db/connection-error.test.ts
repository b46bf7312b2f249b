import { describe, expect, it } from 'vitest';
import { DatabaseUnreachableError } from '../core/errors';
import { parseDbCredential } from '../core/db-credential';
import { describeConnectionError, isConnectionError } from './connection-error';

const cred = parseDbCredential(
  'TRADING_DB_CRED',
  'mysql://gryphon_ro:s3cret-pw@db.internal:3307/trading?charset=utf8',
);
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('connection errors', () => {
  it.each<[string, unknown, boolean]>([
    ['the driver error', refused, true],
    [
      'wrapped by drizzle (code on cause)',
      new Error('Failed query: select', { cause: refused }),
      true,
    ],
    ['a query timeout on a frozen server', { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }, true],
    ['a failing statement', { code: 'ER_PARSE_ERROR' }, false],
    ['not an error object', 'boom', false],
  ])('%s', (_name, err, expected) => {
    expect(isConnectionError(err)).toBe(expected);
  });

  it('names the database and host:port, never the user or password', () => {
    const err = describeConnectionError(new Error('x', { cause: refused }), 'trading', cred);
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err.database).toBe('trading');
    expect(err.message).toBe(
      'Cannot connect to the trading database (TRADING_DB_CRED: db.internal:3307/trading): ' +
        'connection refused: is MariaDB/MySQL running and listening there?',
    );
    const denied = describeConnectionError({ code: 'ER_ACCESS_DENIED_ERROR' }, 'trading', cred);
    expect(denied.message).toMatch(/access denied/);
    expect(denied.message).not.toContain('gryphon_ro');
    expect(denied.message).not.toContain('s3cret');
  });
});

/**
 * Reading `SHOW GRANTS` output: can this user write to the trading database? Pure functions,
 * so the rules are unit-tested without a server.
 */

/** Privileges that can change data or schema (CREATE also covers CREATE VIEW, ROUTINE, ...). */
const WRITE_PRIVILEGE = /^(ALL|ALL PRIVILEGES|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\b/;

const GRANT_RE = /^GRANT\s+(.+?)\s+ON\s+(?:(?:TABLE|FUNCTION|PROCEDURE)\s+)?(\S+)\s+TO\s/is;

/** Splits `SELECT, UPDATE (`a`, `b`)` at top-level commas; drops column lists. */
function privileges(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of list) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else if (depth === 0) current += c;
  }
  out.push(current);
  return out.map((p) => p.trim().replace(/\s+/g, ' ').toUpperCase()).filter(Boolean);
}

/** First part of `db.table`, honouring back-quotes (`` `my.db`.* ``). */
function databasePart(target: string): string {
  if (!target.startsWith('`')) return target.split('.')[0];
  let name = '';
  for (let i = 1; i < target.length; i++) {
    if (target[i] === '`' && target[i + 1] === '`') {
      name += '`';
      i++;
    } else if (target[i] === '`') break;
    else name += target[i];
  }
  return name;
}

/** A database-level grant name is a LIKE pattern (`%`, `_`; `\_` is a literal underscore). */
function matchesDatabase(pattern: string, database: string): boolean {
  if (pattern === '*') return true;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length)
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(database);
}

/** True if this one grant line lets its user write to `database` (or to every database). */
export function grantAllowsWrite(grant: string, database: string): boolean {
  const m = GRANT_RE.exec(grant.trim());
  if (!m) return false; // role grants, PROXY ... ON ''@'%' and the like
  const [, list, target] = m;
  if (!/^(\*|`|\w)/.test(target) || target.includes('@')) return false;
  if (!matchesDatabase(databasePart(target), database)) return false;
  return privileges(list).some((p) => WRITE_PRIVILEGE.test(p));
}

/** SHOW GRANTS may show password hashes; they never leave this module. */
export function redactGrant(grant: string): string {
  return grant
    .replace(/(IDENTIFIED BY PASSWORD)\s+'[^']*'/gi, "$1 '<redacted>'")
    .replace(/(USING)\s+(PASSWORD\s*\(\s*)?'[^']*'(\s*\))?/gi, "$1 '<redacted>'");
}

/** The SQL an administrator can run to create the SELECT-only user we recommend. */
export function selectOnlyGrantSql(database: string, user = 'gryphon_ro'): string {
  const db = database.replace(/`/g, '``');
  return (
    `CREATE USER '${user}'@'%' IDENTIFIED BY '<a new password>'; ` +
    `GRANT SELECT ON \`${db}\`.* TO '${user}'@'%';`
  );
}

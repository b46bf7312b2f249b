import { drizzle } from 'drizzle-orm/mysql2';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import * as schema from '../db/dashboards/schema';
import { parseRule } from './domain/rules';
import {
  createRule,
  deleteRule,
  listStoredRules,
  RuleChangeError,
  setRuleEnabled,
  updateRule,
} from './rules-store';

/** What /alerts' server actions do to alert_rule: create, edit (rename), disable, delete. */
let dbs: TestDatabases;
let conn: Connection;
const NOW = new Date('2026-03-02T12:00:00.123Z');

beforeAll(async () => {
  dbs = await createTestDatabases({ trading: false, dashboards: true });
  conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
}, 60_000);
afterAll(async () => {
  await conn?.end();
  await dbs?.drop();
});

describe('stored alert rules', () => {
  it('creates, edits, disables and deletes, refusing duplicate names', async () => {
    const db = drizzle({ client: conn, schema, mode: 'default' });
    const a = parseRule(
      { name: 'a', kind: 'drift', threshold: '0.5', channels: 'ops' },
      'database',
    );
    const b = parseRule({ name: 'b', kind: 'stale-fill', subject: 'mm', for: '2h' }, 'database');
    await createRule(db, a, 'alice', NOW);
    await createRule(db, b, 'alice', NOW);
    await expect(createRule(db, a, 'alice', NOW)).rejects.toThrow(RuleChangeError);
    let rules = await listStoredRules(db);
    expect(
      rules.map((r) => [r.name, r.kind, r.threshold, r.forSeconds, r.channels, r.enabled]),
    ).toEqual([
      ['a', 'drift', '0.5', 0, ['ops'], true],
      ['b', 'stale-fill', '0', 7200, [], true],
    ]);
    const idA = rules[0].ruleId;
    await expect(updateRule(db, idA, { ...a, name: 'b' }, 'bob', NOW)).rejects.toThrow(
      /exists already/,
    );
    const before = await updateRule(db, idA, { ...a, name: 'a2', threshold: '1' }, 'bob', NOW);
    expect(before.name).toBe('a');
    await setRuleEnabled(db, idA, false, 'bob', NOW);
    rules = await listStoredRules(db);
    expect(rules.find((r) => r.ruleId === idA)).toMatchObject({
      name: 'a2',
      threshold: '1',
      enabled: false,
      updatedBy: 'bob',
    });
    await deleteRule(db, idA);
    await expect(deleteRule(db, idA)).rejects.toThrow(/no rule/);
    expect((await listStoredRules(db)).map((r) => r.name)).toEqual(['b']);
  });
});

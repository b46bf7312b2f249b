import { describe, expect, it } from 'vitest';
import type { JobLine, StatusSnapshot, StrategyStatus } from '../../status/domain/snapshot';
import { BUILTIN_RULES, mergeRules } from './defaults';
import { evaluateRules, verdicts } from './evaluate';
import { parseDuration, parseRule, RuleInputError, type AlertRule } from './rules';
import { eventOf, step } from './state';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;

const strategy = (over: Partial<StrategyStatus> = {}): StrategyStatus => ({
  key: 'mm',
  displayName: 'MM',
  actor: 'MM',
  lastFill: NOW - 30 * MIN,
  lastOrder: NOW - 5 * MIN,
  volumeCurrency: 'BTC',
  priceCurrency: 'USD',
  position: '1.5',
  range: { min: '-2', max: '2' },
  today: { pnl: '-120.5', fees: '3.25' },
  usdRate: '1',
  fillsLastHour: 4,
  usualPerHour: 6,
  ...over,
});

const job = (over: Partial<JobLine> = {}): JobLine => ({
  server: 'app1:8080',
  name: 'rollup',
  everyMs: MIN,
  lastStarted: NOW - MIN,
  lastFinished: NOW - MIN + 2_000,
  lastSucceeded: NOW - 2 * MIN,
  lastOk: false,
  lastFailed: NOW - MIN + 2_000,
  lastError: 'boom',
  lastDurationMs: 2_000,
  serverSeen: NOW - MIN + 2_000,
  ...over,
});

const snapshot = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  now: NOW,
  accounts: [
    {
      name: 'BITSTAMP_BTC_USD',
      audit: {
        eventId: 1,
        time: NOW - 90 * MIN,
        balances: [
          { currency: 'BTC', reported: '2.5', ledger: '2.0', difference: '0.5' },
          { currency: 'USD', reported: '100', ledger: '100.01', difference: '-0.01' },
        ],
        malformed: false,
      },
      cached: { balances: [], malformed: false },
      inTransit: [
        {
          transactionId: 9,
          type: 'DEPOSIT',
          amount: '1',
          currency: 'BTC',
          created: NOW - 30 * 3_600_000,
          transfer: null,
        },
      ],
      lastFill: NOW - 10 * MIN,
    },
  ],
  strategies: [strategy()],
  trading: {
    newestRow: NOW - 2 * MIN,
    newestFill: null,
    newestOrder: null,
    newestTransaction: null,
  },
  rollup: { mark: 10, newestTradeId: 10, behindFills: 0, lagMs: 0 },
  jobs: [job()],
  jobsSource: 'database',
  databases: [
    { database: 'trading', ok: true, address: 'db:3306' },
    { database: 'dashboards', ok: false, address: 'dash:3306', reason: 'connection refused' },
  ],
  ...over,
});

const rule = (raw: Record<string, string>): AlertRule => parseRule(raw, 'database');

describe('parseRule', () => {
  it('reads a form with defaults and normalises channels', () => {
    expect(
      rule({
        name: 'loss',
        kind: 'realized-loss',
        threshold: '100',
        for: '5m',
        channels: 'ops, slack,ops',
      }),
    ).toEqual({
      name: 'loss',
      kind: 'realized-loss',
      subject: '*',
      threshold: '100',
      forSeconds: 300,
      severity: 'warning',
      channels: ['ops', 'slack'],
      enabled: true,
      source: 'database',
    });
  });
  it.each([
    [{ name: 'x', kind: 'nope' }, 'kind'],
    [{ name: 'bad name', kind: 'drift' }, 'name'],
    [{ name: 'x', kind: 'drift', threshold: '-1' }, 'threshold'],
    [{ name: 'x', kind: 'drift', for: 'soon' }, 'for'],
    [{ name: 'x', kind: 'drift', severity: 'panic' }, 'severity'],
    [{ name: 'x', kind: 'drift', channels: 'a b' }, 'channels'],
    [{ name: 'x', kind: 'drift', subject: 'a b' }, 'subject'],
  ])('refuses %j naming %s', (raw, field) => {
    try {
      rule(raw);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RuleInputError);
      expect((err as RuleInputError).field).toBe(field);
      expect((err as Error).message.startsWith(`${field}: expected`)).toBe(true);
    }
  });
  it('reads durations', () => {
    expect([
      parseDuration('90'),
      parseDuration('90s'),
      parseDuration('5m'),
      parseDuration('2h'),
      parseDuration('1d'),
    ]).toEqual([90, 90, 300, 7200, 86400]);
    expect(parseDuration('31d')).toBeNull();
    expect(parseDuration('-5m')).toBeNull();
  });
});

describe('evaluateRules', () => {
  const one = (r: AlertRule, s = snapshot()) => evaluateRules(s, [r]);

  it('stale fill: 30 minutes since the last fill against 20 and 60', () => {
    const [f20] = one(rule({ name: 's', kind: 'stale-fill', subject: 'mm', threshold: '20' }));
    expect(f20).toMatchObject({
      subject: 'strategy:mm',
      breached: true,
      measured: 'last fill 30 minutes ago',
    });
    const [f60] = one(
      rule({ name: 's', kind: 'stale-fill', subject: 'strategy:mm', threshold: '60' }),
    );
    expect(f60.breached).toBe(false);
  });

  it('stale rules on * skip what never happened and what retired over 7 days ago', () => {
    const s = snapshot({
      strategies: [
        strategy({ key: 'never', lastFill: null }),
        strategy({ key: 'old', lastFill: NOW - 8 * 24 * 60 * MIN }),
      ],
      accounts: [],
    });
    expect(one(rule({ name: 's', kind: 'stale-fill', threshold: '60' }), s)).toEqual([]);
    const named = one(rule({ name: 's', kind: 'stale-fill', subject: 'old', threshold: '60' }), s);
    expect(named[0].breached).toBe(true);
  });

  it('drift: the largest absolute difference per currency against the threshold', () => {
    const [f] = one(rule({ name: 'd', kind: 'drift', threshold: '0.4' }));
    expect(f).toMatchObject({ subject: 'account:BITSTAMP_BTC_USD', breached: true });
    expect(f.measured).toBe('BTC +0.50000000 (AUDIT BTC 2.50000000, ledger BTC 2.00000000)');
    expect(one(rule({ name: 'd', kind: 'drift', threshold: '0.5' }))[0].breached).toBe(false);
  });

  it('transfer in transit: 30 hours against 24 and 36', () => {
    expect(one(rule({ name: 't', kind: 'transfer-in-transit', threshold: '24' }))[0]).toMatchObject(
      {
        breached: true,
        measured: '1 in transit, the oldest for 1 day 6 hours',
      },
    );
    expect(one(rule({ name: 't', kind: 'transfer-in-transit', threshold: '36' }))[0].breached).toBe(
      false,
    );
  });

  it('realized loss per strategy, and for the fund in USD at the day rates', () => {
    const s = snapshot({
      strategies: [
        strategy(),
        strategy({ key: 'b', today: { pnl: '-30', fees: '0' } }),
        strategy({
          key: 'e',
          priceCurrency: 'EUR',
          usdRate: '1.1',
          today: { pnl: '-500', fees: '0' },
        }),
      ],
    });
    const found = one(rule({ name: 'l', kind: 'realized-loss', threshold: '140' }), s);
    const by = Object.fromEntries(found.map((f) => [f.subject, f]));
    expect(by['strategy:mm'].breached).toBe(false); // -120.5 is not beyond -140
    expect(by['strategy:e'].breached).toBe(true);
    // USD -120.5 - 30 = -150.5; EUR -500 × 1.1 = USD -550; together USD -700.50.
    expect(by.fund).toMatchObject({
      breached: true,
      measured: 'today USD -700.50 (EUR -500.00 at 1.1 USD; USD -150.50)',
    });
    const fund = (threshold: string) =>
      one(rule({ name: 'l', kind: 'realized-loss', subject: 'fund', threshold }), s)[0].breached;
    expect(fund('700.49')).toBe(true);
    expect(fund('700.5')).toBe(false); // not beyond: -700.50 is not below -700.50
    // Neither currency alone crosses 600 (USD -150.50, EUR -500 = USD -550): together they do.
    expect(fund('600')).toBe(true);
  });

  it('the fund rule leaves out, and names, a currency without a USD rate', () => {
    const s = snapshot({
      strategies: [
        strategy({ today: { pnl: '-10', fees: '0' } }),
        strategy({ key: 'x', priceCurrency: 'XYZ', usdRate: null }),
      ],
    });
    const [f] = one(rule({ name: 'l', kind: 'realized-loss', subject: 'fund', threshold: '5' }), s);
    expect(f).toMatchObject({
      breached: true,
      measured: 'today USD -10.00 (USD -10.00; XYZ -120.50 (no USD rate: left out))',
    });
  });

  it('position against its range; "no range" when none is configured', () => {
    expect(one(rule({ name: 'p', kind: 'position-range' }))[0].breached).toBe(false);
    const out = snapshot({ strategies: [strategy({ position: '2.00000001' })] });
    expect(one(rule({ name: 'p', kind: 'position-range' }), out)[0].breached).toBe(true);
    const none = snapshot({ strategies: [strategy({ range: null })] });
    expect(one(rule({ name: 'p', kind: 'position-range' }), none)).toEqual([]);
    expect(one(rule({ name: 'p', kind: 'position-range', subject: 'mm' }), none)[0].measured).toBe(
      'no range',
    );
  });

  it('jobs, databases, the trading database and the rollup', () => {
    expect(one(rule({ name: 'j', kind: 'job-failing' }))[0]).toMatchObject({
      subject: 'job:rollup@app1:8080',
      breached: true,
      measured: 'last run failed 58 seconds ago: boom',
    });
    const dbs = one(rule({ name: 'd', kind: 'database-unreachable' }));
    expect(dbs.map((f) => [f.subject, f.breached])).toEqual([
      ['database:trading', false],
      ['database:dashboards', true],
    ]);
    expect(one(rule({ name: 't', kind: 'trading-stale', threshold: '1' }))[0].breached).toBe(true);
    expect(one(rule({ name: 't', kind: 'trading-stale', threshold: '2' }))[0].breached).toBe(false);
    const behind = snapshot({
      rollup: { mark: 5, newestTradeId: 10, behindFills: 5, lagMs: 11 * MIN },
    });
    expect(one(rule({ name: 'r', kind: 'rollup-lag', threshold: '10' }), behind)[0].breached).toBe(
      true,
    );
  });

  it('job-late: the last success against a number of periods; silent servers', () => {
    const late = (threshold: string, j: Partial<JobLine>, at = NOW) =>
      one(rule({ name: 'l', kind: 'job-late', threshold }), snapshot({ now: at, jobs: [job(j)] }));
    // Last success 2 minutes ago, every minute: late beyond 1 period, not beyond 3.
    expect(late('1', {})[0]).toMatchObject({
      subject: 'job:rollup@app1:8080',
      breached: true,
      measured: 'last success 2 minutes ago (every 1 minute)',
    });
    expect(late('3', {})[0].breached).toBe(false);
    // A daily job that last succeeded 2 days ago is not late against 3 periods.
    expect(late('3', { everyMs: 1440 * MIN, lastSucceeded: NOW - 2880 * MIN })[0].breached).toBe(
      false,
    );
    // Never succeeded: measured from its first start.
    expect(late('3', { lastSucceeded: null, lastStarted: NOW - 4 * MIN })[0]).toMatchObject({
      breached: true,
      measured: 'no success yet, first started 4 minutes ago (every 1 minute)',
    });
    // A server silent for 20 minutes: its jobs are late and the line says it stopped.
    const silent = { lastSucceeded: NOW - 20 * MIN, serverSeen: NOW - 20 * MIN };
    expect(late('3', silent)[0]).toMatchObject({
      breached: true,
      measured:
        'last success 20 minutes ago (every 1 minute); app1:8080 stopped reporting 20 minutes ago',
    });
    // Silent for 8 days: a * rule leaves it out (the board still lists it as stale); named, not.
    const gone = { lastSucceeded: NOW - 8 * 1440 * MIN, serverSeen: NOW - 8 * 1440 * MIN };
    expect(late('3', gone)).toEqual([]);
    const named = one(
      rule({ name: 'l', kind: 'job-late', subject: 'rollup@app1:8080', threshold: '3' }),
      snapshot({ jobs: [job(gone), job({ ...gone, server: 'app2:8080' })] }),
    );
    expect(named.map((f) => [f.subject, f.breached])).toEqual([['job:rollup@app1:8080', true]]);
    // The job lines of a stored snapshot are judged at the request's instant (liveAt).
    const liveAt = one(
      rule({ name: 'l', kind: 'job-late', threshold: '3' }),
      snapshot({ now: NOW - 10 * MIN, liveAt: NOW, jobs: [job()] }),
    );
    expect(liveAt[0].measured).toBe('last success 2 minutes ago (every 1 minute)');
  });

  it('a line takes the most severe breach; disabled rules are skipped', () => {
    const warn = rule({ name: 'w', kind: 'stale-fill', subject: 'mm', threshold: '20' });
    const fail = rule({ name: 'f', kind: 'position-range', severity: 'failing' });
    const off = rule({
      name: 'o',
      kind: 'realized-loss',
      threshold: '1',
      severity: 'failing',
      enabled: 'false',
    });
    const s = snapshot({ strategies: [strategy({ position: '3' })] });
    const v = verdicts(evaluateRules(s, [warn, fail, off])).get('strategy:mm')!;
    expect(v.state).toBe('failing');
    expect(v.decidedBy?.rule.name).toBe('f');
    expect(v.findings.map((f) => f.rule.name)).toEqual(['w', 'f']);
  });

  it('built-in rules apply with no configuration and are replaced by name', () => {
    const { rules, clashes } = mergeRules(
      [{ ...BUILTIN_RULES[0], threshold: '99', source: 'database' }],
      [{ ...BUILTIN_RULES[0], threshold: '5', source: 'config' }],
    );
    expect(rules).toHaveLength(BUILTIN_RULES.length);
    expect(rules.find((r) => r.name === BUILTIN_RULES[0].name)?.threshold).toBe('5');
    expect(clashes).toHaveLength(1);
    const v = verdicts(evaluateRules(snapshot(), rules));
    expect(v.get('account:BITSTAMP_BTC_USD')?.state).toBe('warning');
    expect(v.get('database:dashboards')?.state).toBe('failing');
  });
});

describe('step: ok -> pending -> firing -> resolved', () => {
  it('waits `for` before firing and resolves', () => {
    const a = step(null, true, 120, NOW);
    expect(a).toEqual({ next: { state: 'pending', since: NOW }, changed: true });
    const b = step(a.next, true, 120, NOW + MIN);
    expect(b).toEqual({ next: { state: 'pending', since: NOW }, changed: false });
    const c = step(b.next, true, 120, NOW + 2 * MIN);
    expect(c).toEqual({ next: { state: 'firing', since: NOW + 2 * MIN }, changed: true });
    expect(step(c.next, true, 120, NOW + 3 * MIN).changed).toBe(false);
    const d = step(c.next, false, 120, NOW + 4 * MIN);
    expect(d).toEqual({ next: { state: 'resolved', since: NOW + 4 * MIN }, changed: true });
    expect(step(d.next, false, 120, NOW + 5 * MIN).changed).toBe(false);
    expect(step(d.next, true, 0, NOW + 5 * MIN).next.state).toBe('firing');
  });
  it('a breach that ends while pending never fires', () => {
    const a = step(null, true, 300, NOW);
    expect(step(a.next, false, 300, NOW + MIN)).toEqual({
      next: { state: 'ok', since: NOW + MIN },
      changed: true,
    });
  });
  it('events carry the channels only when firing or resolved', () => {
    const r = rule({ name: 'x', kind: 'job-failing', channels: 'ops,pager' });
    const [f] = evaluateRules(snapshot(), [r]);
    expect(eventOf(r, f, 'firing').channels).toBe('ops,pager');
    expect(eventOf(r, f, 'pending').channels).toBe('');
    expect(eventOf(r, f, 'firing').message).toBe(
      'x on job:rollup@app1:8080: FIRING (a background job failing; measured last run failed 58 seconds ago: boom)',
    );
  });
});

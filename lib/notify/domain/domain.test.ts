import { describe, expect, it } from 'vitest';
import { validateChannelInput, parseChannelNames } from './channel';
import { alertNotice, slackBody, webhookBody } from './notice';
import { periodLabel, periodsDue } from './period';
import { deliveryState, nextRetryAt } from './retry';
import { validateScheduleInput } from './schedule';

const d = (s: string) => new Date(s);

describe('report periods', () => {
  it('a new daily schedule starts with the day that closed, once the delay has passed', () => {
    expect(periodsDue('daily', null, d('2024-03-04T00:04:59Z'))).toEqual([
      { start: d('2024-03-02T00:00:00Z'), end: d('2024-03-03T00:00:00Z') },
    ]);
    expect(periodsDue('daily', null, d('2024-03-04T00:05:00Z'))).toEqual([
      { start: d('2024-03-03T00:00:00Z'), end: d('2024-03-04T00:00:00Z') },
    ]);
  });
  it('continues from the last period sent: none skipped, none repeated, at most 3 a run', () => {
    const last = d('2024-03-01T00:00:00Z');
    expect(periodsDue('daily', last, d('2024-03-03T12:00:00Z')).map((p) => p.start)).toEqual([
      d('2024-03-01T00:00:00Z'),
      d('2024-03-02T00:00:00Z'),
    ]);
    expect(periodsDue('daily', d('2024-03-03T00:00:00Z'), d('2024-03-03T23:59:00Z'))).toEqual([]);
    expect(periodsDue('daily', last, d('2024-03-20T12:00:00Z'))).toHaveLength(3);
  });
  it('months are calendar months (February 2024 has 29 days)', () => {
    expect(periodsDue('monthly', null, d('2024-03-01T00:10:00Z'))).toEqual([
      { start: d('2024-02-01T00:00:00Z'), end: d('2024-03-01T00:00:00Z') },
    ]);
    expect(periodsDue('monthly', d('2024-03-01T00:00:00Z'), d('2024-03-31T23:00:00Z'))).toEqual([]);
  });
  it('labels a day, a month, or a range', () => {
    expect(periodLabel({ start: d('2024-03-02T00:00:00Z'), end: d('2024-03-03T00:00:00Z') })).toBe(
      '2024-03-02',
    );
    expect(periodLabel({ start: d('2024-02-01T00:00:00Z'), end: d('2024-03-01T00:00:00Z') })).toBe(
      '2024-02',
    );
    expect(periodLabel({ start: d('2024-03-02T00:00:00Z'), end: d('2024-03-05T00:00:00Z') })).toBe(
      '2024-03-02 – 2024-03-04',
    );
  });
});

describe('retries', () => {
  it('after 1, 5 and 30 minutes, then gives up', () => {
    const t = d('2024-03-01T00:00:00Z');
    expect([1, 2, 3, 4].map((n) => nextRetryAt(n, t)?.getTime() ?? null)).toEqual([
      t.getTime() + 60_000,
      t.getTime() + 300_000,
      t.getTime() + 1_800_000,
      null,
    ]);
  });
  it('a channel is due, waiting, or finished', () => {
    const now = d('2024-03-01T00:10:00Z');
    expect(deliveryState(undefined, now)).toEqual({ kind: 'due', attempt: 1 });
    expect(deliveryState({ attempt: 1, outcome: 'ok', nextRetry: null }, now).kind).toBe(
      'finished',
    );
    expect(deliveryState({ attempt: 4, outcome: 'gave-up', nextRetry: null }, now).kind).toBe(
      'finished',
    );
    expect(
      deliveryState({ attempt: 2, outcome: 'failed', nextRetry: d('2024-03-01T00:10:00Z') }, now),
    ).toEqual({ kind: 'due', attempt: 3 });
    expect(
      deliveryState({ attempt: 2, outcome: 'failed', nextRetry: d('2024-03-01T00:10:01Z') }, now)
        .kind,
    ).toBe('waiting');
  });
});

describe('channel input', () => {
  const ok = { name: 'ops', kind: 'webhook', target: 'https://h.example.com/x', enabled: true };
  it('refuses non-http(s) webhook targets and names the field', () => {
    for (const target of ['file:///etc/passwd', 'gopher://x', 'ftp://x/y', 'not a url'])
      expect(() => validateChannelInput({ ...ok, target })).toThrow(
        expect.objectContaining({ field: 'target' }),
      );
    expect(() =>
      validateChannelInput({ ...ok, kind: 'slack', target: 'javascript:alert(1)' }),
    ).toThrow(/only http/);
  });
  it('checks names, kinds and email lists', () => {
    expect(() => validateChannelInput({ ...ok, name: 'a b' })).toThrow(
      expect.objectContaining({ field: 'name' }),
    );
    expect(() => validateChannelInput({ ...ok, kind: 'sms' })).toThrow(/one of webhook, slack/);
    expect(
      validateChannelInput({ ...ok, kind: 'email', target: ' a@x.com ; b@y.org,' }).target,
    ).toBe('a@x.com, b@y.org');
    expect(() => validateChannelInput({ ...ok, kind: 'email', target: 'a@x.com, nope' })).toThrow(
      /"nope" is not an email address/,
    );
  });
  it('channel lists are trimmed and deduplicated', () => {
    expect(parseChannelNames(' a, b,,a ')).toEqual(['a', 'b']);
    expect(parseChannelNames('')).toEqual([]);
  });
  it('a schedule names known channels only', () => {
    const raw = { name: 'daily', period: 'daily', channels: ['ops'], enabled: true };
    expect(validateScheduleInput(raw, ['OPS']).channels).toBe('ops');
    expect(() => validateScheduleInput({ ...raw, channels: [] }, ['ops'])).toThrow(/at least one/);
    expect(() => validateScheduleInput({ ...raw, channels: ['x'] }, ['ops'])).toThrow(
      /no channel named x/,
    );
    expect(() => validateScheduleInput({ ...raw, period: 'weekly' }, ['ops'])).toThrow(
      /daily, monthly/,
    );
  });
});

describe('notices', () => {
  const event = {
    eventId: 7,
    time: d('2024-03-05T12:00:00Z'),
    ruleName: 'drift',
    subject: 'account:KRAKEN',
    state: 'firing',
    severity: 'warning',
    message: 'BTC drift 0.5 > 0.1',
    detail: 'not json',
    channels: 'ops',
  };
  it('an alert keeps its row in data; a detail that is not JSON stays text', () => {
    const n = alertNotice(event, '');
    expect(n.title).toBe('[FIRING] drift: account:KRAKEN');
    expect(n.url).toBe('/alerts');
    expect(JSON.parse(webhookBody(n, d('2024-03-05T12:00:01Z')))).toEqual({
      kind: 'alert',
      title: '[FIRING] drift: account:KRAKEN',
      text: 'BTC drift 0.5 > 0.1\n(warning, 2024-03-05T12:00:00Z)',
      severity: 'warning',
      url: '/alerts',
      data: {
        event_id: 7,
        time: '2024-03-05T12:00:00.000Z',
        rule: 'drift',
        subject: 'account:KRAKEN',
        state: 'firing',
        severity: 'warning',
        message: 'BTC drift 0.5 > 0.1',
        detail: 'not json',
      },
      sent_at: '2024-03-05T12:00:01.000Z',
    });
  });
  it('Slack text escapes <, > and & (Slack reads them as links and entities)', () => {
    const body = JSON.parse(slackBody(alertNotice(event, 'https://d.example.com')));
    expect(body.text).toBe(
      '*[FIRING] drift: account:KRAKEN*\nBTC drift 0.5 &gt; 0.1\n(warning, 2024-03-05T12:00:00Z)\n<https://d.example.com/alerts|Open>',
    );
    expect(body.blocks[0].text.text).toBe(body.text);
  });
});

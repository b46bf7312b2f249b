import { formatUtcDateTime } from '../../core/time/calendar';

/**
 * What is delivered, whatever the channel: a webhook gets it as JSON (webhookBody), Slack as
 * text (slackBody), email as a subject, a plain-text body and an optional HTML body. Pure.
 */
export interface Notice {
  kind: 'alert' | 'report' | 'test';
  title: string;
  text: string;
  /** 'info' for reports and tests; an alert's own severity ('warning' | 'failing'). */
  severity: string;
  /** The page to open ('' when unknown); absolute when APP_PUBLIC_URL is set. */
  url: string;
  data: Record<string, unknown>;
  html?: string;
}

/** The alert_event row as the dispatcher reads it. */
export interface AlertEventRow {
  eventId: number;
  time: Date;
  ruleName: string;
  subject: string;
  state: string;
  severity: string;
  message: string;
  detail: string;
  channels: string;
}

const link = (base: string, path: string) => `${base}${path}`;

export function alertNotice(e: AlertEventRow, baseUrl: string): Notice {
  let detail: unknown = e.detail;
  try {
    detail = JSON.parse(e.detail);
  } catch {
    // kept as text
  }
  const state = e.state.toUpperCase();
  return {
    kind: 'alert',
    title: `[${state}] ${e.ruleName}: ${e.subject}`,
    text: `${e.message}\n(${e.severity}, ${formatUtcDateTime(e.time)})`,
    severity: e.severity,
    url: link(baseUrl, '/alerts'),
    data: {
      event_id: e.eventId,
      time: e.time.toISOString(),
      rule: e.ruleName,
      subject: e.subject,
      state: e.state,
      severity: e.severity,
      message: e.message,
      detail,
    },
  };
}

export function testNotice(channel: string, now: Date, baseUrl: string, by: string): Notice {
  return {
    kind: 'test',
    title: `Test notice for channel ${channel}`,
    text: `A test notice sent by ${by} from Gryphon Dashboards at ${formatUtcDateTime(now)}. If you read this, the channel works.`,
    severity: 'info',
    url: link(baseUrl, '/alerts/channels'),
    data: { channel, by },
  };
}

/** The webhook's JSON body (docs/notifications.md). `sent_at` is this attempt's time. */
export function webhookBody(n: Notice, sentAt: Date): string {
  return JSON.stringify({
    kind: n.kind,
    title: n.title,
    text: n.text,
    severity: n.severity,
    url: n.url,
    data: n.data,
    sent_at: sentAt.toISOString(),
  });
}

/** A Slack-compatible incoming webhook's body: the title in bold, the text, the link. */
export function slackBody(n: Notice): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const text = `*${escape(n.title)}*\n${escape(n.text)}${n.url ? `\n<${n.url}|Open>` : ''}`;
  return JSON.stringify({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  });
}

import 'server-only';
import nodemailer from 'nodemailer';
import type { SmtpEnv } from '../core/env';
import { httpTargetProblem, parseEmailList } from './domain/channel';
import { slackBody, webhookBody, type Notice } from './domain/notice';
import type { Channel } from './queries';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign';

/**
 * One attempt to deliver a notice to a channel. Never throws: the outcome, the HTTP status or
 * SMTP response, and the error go to the delivery log. A webhook or Slack target answers
 * within SEND_TIMEOUT_MS with a 2xx or the attempt failed (redirects are not followed).
 */
export const SEND_TIMEOUT_MS = 10_000;

export interface SendResult {
  ok: boolean;
  status: string;
  error: string;
}

export interface SendDeps {
  smtp: SmtpEnv | null;
  now: Date;
}

export async function sendNotice(c: Channel, n: Notice, deps: SendDeps): Promise<SendResult> {
  try {
    if (c.kind === 'email') return await sendEmail(c, n, deps.smtp);
    const problem = httpTargetProblem(c.target);
    if (problem) return { ok: false, status: '', error: `refused: ${problem}` };
    const body = c.kind === 'webhook' ? webhookBody(n, deps.now) : slackBody(n);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'gryphon-dashboards',
    };
    if (c.kind === 'webhook') {
      const ts = String(Math.floor(deps.now.getTime() / 1000));
      headers[TIMESTAMP_HEADER] = ts;
      headers[SIGNATURE_HEADER] = signWebhook(c.secret, ts, body);
    }
    return await post(c.target, body, headers);
  } catch (err) {
    return { ok: false, status: '', error: err instanceof Error ? err.message : String(err) };
  }
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `no answer within ${SEND_TIMEOUT_MS / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: '', error: `could not reach ${new URL(url).host}: ${why}` };
  }
  const text = await res.text().catch(() => '');
  const status = `HTTP ${res.status}`;
  if (res.status >= 200 && res.status < 300) return { ok: true, status, error: '' };
  return {
    ok: false,
    status,
    error: `answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
  };
}

async function sendEmail(c: Channel, n: Notice, smtp: SmtpEnv | null): Promise<SendResult> {
  if (!smtp)
    return {
      ok: false,
      status: '',
      error: 'email is not configured: set SMTP_URL (or SMTP_HOST) and SMTP_FROM in .env',
    };
  const timeouts = {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  };
  const transport = nodemailer.createTransport(
    smtp.url
      ? { url: smtp.url, ...timeouts }
      : {
          host: smtp.host,
          port: smtp.port,
          secure: smtp.port === 465,
          ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
          ...timeouts,
        },
  );
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: parseEmailList(c.target),
      subject: n.title,
      text: n.url ? `${n.text}\n\n${n.url}` : n.text,
      ...(n.html ? { html: n.html } : {}),
    });
    return { ok: true, status: String(info.response ?? '').slice(0, 255), error: '' };
  } catch (err) {
    const e = err as Error & { response?: string; responseCode?: number };
    return { ok: false, status: e.response ?? '', error: e.message };
  } finally {
    transport.close();
  }
}

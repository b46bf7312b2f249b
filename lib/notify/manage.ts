import 'server-only';
import type { Pool } from 'mysql2/promise';
import { recordAudit } from '../audit/record';
import { getEnv } from '../core/env';
import { ChannelInputError, validateChannelInput, type ChannelInput } from './domain/channel';
import { testNotice } from './domain/notice';
import { validateScheduleInput } from './domain/schedule';
import { attempt } from './dispatch';
import {
  deleteChannel,
  findChannel,
  insertChannel,
  listChannels,
  updateChannel,
  type Channel,
} from './queries';
import { deleteSchedule, findSchedule, insertSchedule, updateSchedule } from './schedules';
import { newChannelSecret } from './sign';

/**
 * The admin's changes to channels and report schedules (/alerts/channels, /alerts/reports):
 * validated (ChannelInputError names the field), then audited as 'channel-change' with what
 * changed (never a secret). `by` is the admin's username.
 */
const isDuplicate = (err: unknown) => (err as { code?: string }).code === 'ER_DUP_ENTRY';

async function audit(by: string, subject: string, detail: Record<string, unknown>) {
  await recordAudit({ action: 'channel-change', outcome: 'ok', username: by, subject, detail });
}

function describe(c: ChannelInput) {
  return {
    kind: c.kind,
    target: c.kind === 'email' ? c.target : redactUrl(c.target),
    enabled: c.enabled,
  };
}

/** A URL as shown in the audit log and the page: the path of a Slack hook is its secret. */
export function redactUrl(target: string): string {
  try {
    const u = new URL(target);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 ? '/…' : '/'}`;
  } catch {
    return target;
  }
}

export async function createChannel(
  db: Pool,
  raw: { name: string; kind: string; target: string; enabled: boolean },
  by: string,
  now: Date,
): Promise<{ channel: ChannelInput; secret: string }> {
  const c = validateChannelInput(raw);
  const secret = c.kind === 'webhook' ? newChannelSecret() : '';
  try {
    await insertChannel(db, c, secret, now);
  } catch (err) {
    if (isDuplicate(err)) throw new ChannelInputError(`a channel named ${c.name} exists`, 'name');
    throw err;
  }
  await audit(by, `channel:${c.name}`, { change: 'create', ...describe(c) });
  return { channel: c, secret };
}

async function existing(db: Pool, id: number): Promise<Channel> {
  const c = Number.isSafeInteger(id) && id > 0 ? await findChannel(db, id) : null;
  if (!c) throw new ChannelInputError('this channel no longer exists (reload the page)', 'id');
  return c;
}

export async function editChannel(
  db: Pool,
  id: number,
  raw: { name: string; kind: string; target: string; enabled: boolean },
  by: string,
  now: Date,
): Promise<{ channel: ChannelInput; secret: string | null }> {
  const before = await existing(db, id);
  const c = validateChannelInput(raw);
  // A channel that becomes a webhook gets a secret; a webhook keeps its own.
  const secret = c.kind === 'webhook' ? before.secret || newChannelSecret() : '';
  try {
    await updateChannel(db, id, c, secret, now);
  } catch (err) {
    if (isDuplicate(err)) throw new ChannelInputError(`a channel named ${c.name} exists`, 'name');
    throw err;
  }
  await audit(by, `channel:${c.name}`, {
    change: 'edit',
    ...(before.name !== c.name ? { renamedFrom: before.name } : {}),
    ...describe(c),
  });
  return { channel: c, secret: secret && !before.secret ? secret : null };
}

export async function setChannelEnabled(
  db: Pool,
  id: number,
  enabled: boolean,
  by: string,
  now: Date,
): Promise<Channel> {
  const c = await existing(db, id);
  await updateChannel(db, id, { ...c, enabled }, c.secret, now);
  await audit(by, `channel:${c.name}`, { change: enabled ? 'enable' : 'disable' });
  return c;
}

export async function removeChannel(db: Pool, id: number, by: string): Promise<Channel> {
  const c = await existing(db, id);
  await deleteChannel(db, id);
  await audit(by, `channel:${c.name}`, { change: 'delete', kind: c.kind });
  return c;
}

/** The webhook's secret, shown to an admin on demand (the showing is audited). */
export async function revealSecret(db: Pool, id: number, by: string): Promise<string> {
  const c = await existing(db, id);
  if (c.kind !== 'webhook') throw new ChannelInputError('only webhooks have a secret', 'id');
  await audit(by, `channel:${c.name}`, { change: 'show-secret' });
  return c.secret;
}

export async function rotateSecret(db: Pool, id: number, by: string, now: Date): Promise<string> {
  const c = await existing(db, id);
  if (c.kind !== 'webhook') throw new ChannelInputError('only webhooks have a secret', 'id');
  const secret = newChannelSecret();
  await updateChannel(db, id, c, secret, now);
  await audit(by, `channel:${c.name}`, { change: 'rotate-secret' });
  return secret;
}

/** Sends a test notice at once (one attempt, no retry), logged as 'test'. */
export async function sendTest(
  db: Pool,
  id: number,
  by: string,
  now: Date,
): Promise<{ ok: boolean; status: string; error: string; channel: Channel }> {
  const c = await existing(db, id);
  const env = getEnv();
  const notice = testNotice(c.name, now, env.publicUrl, by);
  const r = await attempt(
    db,
    c,
    notice,
    { time: now, what: 'test', refId: 0, title: notice.title },
    1,
    { smtp: env.smtp, baseUrl: env.publicUrl },
    now,
    { retries: false },
  );
  return { ...r, channel: c };
}

export async function saveSchedule(
  db: Pool,
  id: number | null,
  raw: { name: string; period: string; channels: string[]; enabled: boolean },
  by: string,
  now: Date,
): Promise<string> {
  const known = (await listChannels(db)).map((c) => c.name);
  const s = validateScheduleInput(raw, known);
  try {
    if (id === null) await insertSchedule(db, s, now);
    else {
      const before = Number.isSafeInteger(id) && id > 0 ? await findSchedule(db, id) : null;
      if (!before)
        throw new ChannelInputError('this schedule no longer exists (reload the page)', 'id');
      await updateSchedule(db, id, s, now);
    }
  } catch (err) {
    if (isDuplicate(err)) throw new ChannelInputError(`a schedule named ${s.name} exists`, 'name');
    throw err;
  }
  await audit(by, `report:${s.name}`, { change: id === null ? 'create' : 'edit', ...s });
  return s.name;
}

export async function removeSchedule(db: Pool, id: number, by: string): Promise<string> {
  const s = Number.isSafeInteger(id) && id > 0 ? await findSchedule(db, id) : null;
  if (!s) throw new ChannelInputError('this schedule no longer exists (reload the page)', 'id');
  await deleteSchedule(db, id);
  await audit(by, `report:${s.name}`, { change: 'delete' });
  return s.name;
}

'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { ChannelInputError } from '@/lib/notify/domain/channel';
import { formText, runNotifyAction } from '@/lib/notify/form-action';
import {
  createChannel,
  editChannel,
  removeChannel,
  revealSecret,
  rotateSecret,
  sendTest,
  setChannelEnabled,
} from '@/lib/notify/manage';
import type { ActionState } from '@/ui/admin/action-form';

/** /alerts/channels' changes (admins only), run by lib/notify/form-action.ts. */
const run = (work: (by: string) => Promise<string>) => runNotifyAction('/alerts/channels', work);
const text = formText;
const idOf = (form: FormData) => Number(text(form, 'id'));
const fields = (form: FormData) => ({
  name: text(form, 'name'),
  kind: text(form, 'kind'),
  target: text(form, 'target'),
  enabled: form.get('enabled') === 'on',
});
const db = () => getDashboardsDb().pool;

export async function createChannelAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const { channel, secret } = await createChannel(db(), fields(form), by, new Date());
    return secret
      ? `Created webhook ${channel.name}. Its signing secret, shown once (Show secret shows it again): ${secret}`
      : `Created ${channel.kind} channel ${channel.name}.`;
  });
}

export async function editChannelAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const { channel, secret } = await editChannel(db(), idOf(form), fields(form), by, new Date());
    return secret
      ? `Saved ${channel.name}; as a webhook it now signs with the secret ${secret}`
      : `Saved ${channel.name}.`;
  });
}

export async function toggleChannelAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const enable = text(form, 'enable') === '1';
    const c = await setChannelEnabled(db(), idOf(form), enable, by, new Date());
    return enable ? `${c.name} is enabled.` : `${c.name} is disabled: nothing is sent to it.`;
  });
}

export async function deleteChannelAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const c = await removeChannel(db(), idOf(form), by);
    return `Deleted ${c.name}; events naming it are logged as sent to an unknown channel.`;
  });
}

export async function showSecretAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => `Secret: ${await revealSecret(db(), idOf(form), by)}`);
}

export async function rotateSecretAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(
    async (by) =>
      `New secret (the old one no longer verifies): ${await rotateSecret(db(), idOf(form), by, new Date())}`,
  );
}

export async function sendTestAction(_: ActionState, form: FormData): Promise<ActionState> {
  const me = await requireUser();
  try {
    const r = await sendTest(db(), idOf(form), me.username, new Date());
    revalidatePath('/alerts/channels');
    return r.ok
      ? { ok: true, message: `Delivered to ${r.channel.name} (${r.status}).` }
      : {
          ok: false,
          message: `Not delivered to ${r.channel.name}: ${r.error}${r.status ? ` (${r.status})` : ''}.`,
        };
  } catch (err) {
    if (err instanceof ChannelInputError) return { ok: false, message: `Refused: ${err.message}.` };
    throw err;
  }
}

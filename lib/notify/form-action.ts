import 'server-only';
import { revalidatePath } from 'next/cache';
import { requireUser } from '../auth/session';
import { ChannelInputError } from './domain/channel';

/** A form's answer (ui/admin/action-form.tsx ActionState): shown beside its button. */
export interface FormAnswer {
  ok: boolean;
  message: string;
}

/**
 * One change from /alerts/channels or /alerts/reports (admins only: the paths need `admin`,
 * checked by the proxy and again here). `work` validates and audits (lib/notify/manage.ts) and
 * says what it did; a refusal comes back as the form's message, naming the field.
 */
export async function runNotifyAction(
  path: string,
  work: (by: string) => Promise<string>,
): Promise<FormAnswer> {
  const me = await requireUser();
  try {
    const message = await work(me.username);
    revalidatePath(path);
    return { ok: true, message };
  } catch (err) {
    if (err instanceof ChannelInputError)
      return { ok: false, message: `Refused (${err.field}): ${err.message}.` };
    throw err;
  }
}

/** A text field of the form; '' when absent or a file. */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

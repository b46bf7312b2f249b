'use server';

import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { formText, runNotifyAction } from '@/lib/notify/form-action';
import { removeSchedule, saveSchedule } from '@/lib/notify/manage';
import type { ActionState } from '@/ui/admin/action-form';

/** /alerts/reports' changes (admins only), run by lib/notify/form-action.ts. */
const run = (work: (by: string) => Promise<string>) => runNotifyAction('/alerts/reports', work);
const text = formText;
const fields = (form: FormData) => ({
  name: text(form, 'name'),
  period: text(form, 'period'),
  channels: form.getAll('channel').filter((v): v is string => typeof v === 'string'),
  enabled: form.get('enabled') === 'on',
});

export async function createScheduleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const name = await saveSchedule(getDashboardsDb().pool, null, fields(form), by, new Date());
    return `Created ${name}: the last closed period is sent within a few minutes, then each one as it closes.`;
  });
}

export async function editScheduleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const id = Number(text(form, 'id'));
    const name = await saveSchedule(getDashboardsDb().pool, id, fields(form), by, new Date());
    return `Saved ${name}.`;
  });
}

export async function deleteScheduleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by) => {
    const name = await removeSchedule(getDashboardsDb().pool, Number(text(form, 'id')), by);
    return `Deleted ${name}; reports already built are still delivered.`;
  });
}

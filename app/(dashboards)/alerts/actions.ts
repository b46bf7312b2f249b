'use server';

import { revalidatePath } from 'next/cache';
import { parseRule, RuleInputError, type AlertRule } from '@/lib/alerts/domain/rules';
import {
  createRule,
  deleteRule,
  RuleChangeError,
  ruleSummary,
  setRuleEnabled,
  updateRule,
} from '@/lib/alerts/rules-store';
import { recordAudit } from '@/lib/audit/record';
import { requireUser } from '@/lib/auth/session';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import type { ActionState } from '@/ui/admin/action-form';

/**
 * The changes to alert rules on /alerts: admins only (VIEWERs and MEMBERs read the page; the
 * role is checked again here, as a server action can be posted without the page). Each input
 * is validated by lib/alerts' parser, refused with a message naming the field, and each change
 * is recorded in the audit log as 'alert-rule-change'.
 */
async function run(
  op: string,
  work: (
    by: string,
    db: ReturnType<typeof getDashboardsDb>['db'],
  ) => Promise<{ message: string; subject: string; detail: Record<string, unknown> }>,
): Promise<ActionState> {
  const me = await requireUser();
  if (me.role !== 'ADMIN')
    return { ok: false, message: 'Refused (403): only administrators may change alert rules.' };
  try {
    const done = await work(me.username, getDashboardsDb().db);
    await recordAudit({
      action: 'alert-rule-change',
      outcome: 'ok',
      username: me.username,
      subject: done.subject,
      detail: { op, ...done.detail },
    });
    revalidatePath('/alerts');
    revalidatePath('/status');
    return { ok: true, message: done.message };
  } catch (err) {
    if (err instanceof RuleInputError || err instanceof RuleChangeError)
      return { ok: false, message: `Refused (400): ${err.message}.` };
    throw err;
  }
}

const text = (form: FormData, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === 'string' ? v : undefined;
};

function ruleOf(form: FormData): AlertRule {
  return parseRule(
    {
      name: text(form, 'name') ?? '',
      kind: text(form, 'kind') ?? '',
      subject: text(form, 'subject'),
      threshold: text(form, 'threshold'),
      for: text(form, 'for'),
      severity: text(form, 'severity'),
      channels: text(form, 'channels'),
      enabled: form.get('enabled') === 'on' || text(form, 'enabled') === 'true' ? 'true' : 'false',
    },
    'database',
  );
}

function idOf(form: FormData): number {
  const raw = text(form, 'ruleId') ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new RuleChangeError('ruleId: expected a rule number');
  return Number(raw);
}

export async function createRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run('create', async (by, db) => {
    const rule = ruleOf(form);
    await createRule(db, rule, by, new Date());
    return {
      message: `Rule "${rule.name}" created.`,
      subject: rule.name,
      detail: { after: ruleSummary(rule) },
    };
  });
}

export async function updateRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run('edit', async (by, db) => {
    const id = idOf(form);
    const rule = ruleOf(form);
    const before = await updateRule(db, id, rule, by, new Date());
    return {
      message: `Rule "${rule.name}" saved.`,
      subject: rule.name,
      detail: { before: ruleSummary(before), after: ruleSummary(rule) },
    };
  });
}

export async function toggleRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run('enable', async (by, db) => {
    const id = idOf(form);
    const enable = text(form, 'enable') === '1';
    const before = await setRuleEnabled(db, id, enable, by, new Date());
    return {
      message: `Rule "${before.name}" ${enable ? 'enabled' : 'disabled'}.`,
      subject: before.name,
      detail: { enabled: enable },
    };
  });
}

export async function deleteRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run('delete', async (_by, db) => {
    const before = await deleteRule(db, idOf(form));
    return {
      message: `Rule "${before.name}" deleted.`,
      subject: before.name,
      detail: { before: ruleSummary(before) },
    };
  });
}

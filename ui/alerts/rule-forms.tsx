import type { RuleView } from '@/lib/alerts/load';
import { KIND_NAMES, SEVERITIES } from '@/lib/alerts/domain/rules';
import { ActionForm, type FormAction } from '@/ui/admin/action-form';

/** The fields of a rule (create and edit); validation is the server action's (lib/alerts). */
function RuleFields({ rule }: { rule?: RuleView }) {
  return (
    <>
      <label>
        Name <input name="name" defaultValue={rule?.name ?? ''} required size={16} />
      </label>
      <label>
        Kind{' '}
        <select name="kind" defaultValue={rule?.kind ?? 'stale-fill'}>
          {KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        Subject <input name="subject" defaultValue={rule?.subject ?? '*'} size={14} />
      </label>
      <label>
        Threshold <input name="threshold" defaultValue={rule?.threshold ?? '0'} size={8} />
      </label>
      <label>
        For <input name="for" defaultValue={rule?.for ?? '0'} size={5} placeholder="5m" />
      </label>
      <label>
        Severity{' '}
        <select name="severity" defaultValue={rule?.severity ?? 'warning'}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channels{' '}
        <input
          name="channels"
          defaultValue={rule?.channels ?? ''}
          size={14}
          placeholder="ops, slack"
        />
      </label>
      <label>
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} /> Enabled
      </label>
    </>
  );
}

export function CreateRuleForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submit="Create rule" testId="create-rule">
      <RuleFields />
    </ActionForm>
  );
}

export function EditRuleForms({
  rule,
  update,
  toggle,
  remove,
}: {
  rule: RuleView;
  update: FormAction;
  toggle: FormAction;
  remove: FormAction;
}) {
  return (
    <details data-testid={`edit-${rule.name}`}>
      <summary>Edit</summary>
      <ActionForm action={update} submit="Save" testId={`save-${rule.name}`}>
        <input type="hidden" name="ruleId" value={String(rule.ruleId)} />
        <RuleFields rule={rule} />
      </ActionForm>
      <ActionForm
        action={toggle}
        submit={rule.enabled ? 'Disable' : 'Enable'}
        testId={`toggle-${rule.name}`}
      >
        <input type="hidden" name="ruleId" value={String(rule.ruleId)} />
        <input type="hidden" name="enable" value={rule.enabled ? '0' : '1'} />
      </ActionForm>
      <ActionForm action={remove} submit="Delete" danger testId={`delete-${rule.name}`}>
        <input type="hidden" name="ruleId" value={String(rule.ruleId)} />
      </ActionForm>
    </details>
  );
}

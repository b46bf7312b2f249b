import { CHANNEL_KINDS } from '@/lib/notify/domain/channel';
import { ActionForm, type FormAction } from '@/ui/admin/action-form';
import { ChoiceField, EnabledField, NameField } from './fields';

const PLACEHOLDER = {
  webhook: 'https://hooks.example.com/gryphon',
  slack: 'https://hooks.slack.com/services/…',
  email: 'ops@example.com, cto@example.com',
};

/** The fields of a channel: name, kind, target (URL or addresses), enabled. */
export function ChannelFields({
  value,
}: {
  value?: { name: string; kind: string; target: string; enabled: boolean };
}) {
  return (
    <>
      <NameField value={value?.name} />
      <ChoiceField
        name="kind"
        label="Kind"
        choices={CHANNEL_KINDS}
        value={value?.kind ?? 'webhook'}
      />
      <label>
        Target{' '}
        <input
          name="target"
          required
          maxLength={1024}
          size={36}
          defaultValue={value?.target ?? ''}
          placeholder={`${PLACEHOLDER.webhook} · ${PLACEHOLDER.email}`}
        />
      </label>
      <EnabledField value={value?.enabled} />
    </>
  );
}

export function CreateChannelForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submit="Create channel" testId="create-channel">
      <ChannelFields />
    </ActionForm>
  );
}

/** One button posting the channel's id (and `extra` hidden fields). */
export function ChannelButton({
  action,
  id,
  submit,
  testId,
  danger,
  extra,
}: {
  action: FormAction;
  id: number;
  submit: string;
  testId: string;
  danger?: boolean;
  extra?: Record<string, string>;
}) {
  return (
    <ActionForm action={action} submit={submit} testId={testId} danger={danger}>
      <input type="hidden" name="id" value={id} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </ActionForm>
  );
}

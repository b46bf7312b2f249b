import { REPORT_PERIODS } from '@/lib/notify/domain/period';
import { parseChannelNames } from '@/lib/notify/domain/channel';
import { ActionForm, type FormAction } from '@/ui/admin/action-form';
import { ChoiceField, EnabledField, NameField } from './fields';

/** Name, period, the channels to send to (checkboxes of the existing channels), enabled. */
export function ScheduleFields({
  channels,
  value,
}: {
  channels: string[];
  value?: { name: string; period: string; channels: string; enabled: boolean };
}) {
  const chosen = new Set(parseChannelNames(value?.channels ?? '').map((c) => c.toLowerCase()));
  return (
    <>
      <NameField value={value?.name} />
      <ChoiceField
        name="period"
        label="Period"
        choices={REPORT_PERIODS}
        value={value?.period ?? 'daily'}
      />
      <span>
        Send to: {channels.length === 0 && <span className="muted">no channels yet</span>}
        {channels.map((c) => (
          <label key={c} style={{ marginRight: 8 }}>
            <input
              type="checkbox"
              name="channel"
              value={c}
              defaultChecked={chosen.has(c.toLowerCase())}
            />{' '}
            {c}
          </label>
        ))}
      </span>
      <EnabledField value={value?.enabled} />
    </>
  );
}

export function CreateScheduleForm({
  action,
  channels,
}: {
  action: FormAction;
  channels: string[];
}) {
  return (
    <ActionForm action={action} submit="Create schedule" testId="create-schedule">
      <ScheduleFields channels={channels} />
    </ActionForm>
  );
}

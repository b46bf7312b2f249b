/** The form fields /alerts/channels and /alerts/reports share (ui/notify/*-forms.tsx). */

/** The name field of a channel or a schedule. */
export function NameField({ value }: { value?: string }) {
  return (
    <label>
      Name <input name="name" required maxLength={64} size={14} defaultValue={value ?? ''} />
    </label>
  );
}

/** A choice among fixed words (a channel's kind, a schedule's period), its word as its label. */
export function ChoiceField({
  name,
  label,
  choices,
  value,
}: {
  name: string;
  label: string;
  choices: readonly string[];
  value: string;
}) {
  return (
    <label>
      {label}{' '}
      <select name={name} defaultValue={value} aria-label={label}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The enabled box, ticked for a new one. */
export function EnabledField({ value }: { value?: boolean }) {
  return (
    <label>
      <input type="checkbox" name="enabled" defaultChecked={value ?? true} /> enabled
    </label>
  );
}

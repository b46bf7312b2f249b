/**
 * A state as colour AND text with an icon (colour is never the only signal): a line's verdict
 * (ok, warning, failing; stale: a server that stopped reporting long ago) or an alert's state
 * (pending, firing, resolved).
 */
const LOOK: Record<string, { icon: string; label: string; fg: string; bg: string }> = {
  ok: { icon: '✓', label: 'OK', fg: '#1e6b3a', bg: '#e3f5e9' },
  warning: { icon: '▲', label: 'Warning', fg: '#7a4b00', bg: '#fff1cc' },
  failing: { icon: '✕', label: 'Failing', fg: '#8a1f14', bg: '#fdecea' },
  pending: { icon: '◔', label: 'Pending', fg: '#7a4b00', bg: '#fff1cc' },
  firing: { icon: '●', label: 'Firing', fg: '#8a1f14', bg: '#fdecea' },
  resolved: { icon: '✓', label: 'Resolved', fg: '#3b4a5a', bg: '#eef1f5' },
  stale: { icon: '◌', label: 'Stale', fg: '#3b4a5a', bg: '#eef1f5' },
};

export function StateBadge({ state }: { state: string }) {
  const look = LOOK[state] ?? { icon: '?', label: state, fg: '#3b4a5a', bg: '#eef1f5' };
  return (
    <span
      data-state={state}
      style={{
        display: 'inline-block',
        padding: '1px 8px',
        borderRadius: 4,
        fontSize: 12,
        fontWeight: 600,
        whiteSpace: 'nowrap',
        color: look.fg,
        background: look.bg,
        border: `1px solid ${look.fg}33`,
      }}
    >
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}

/** The fund's warnings (a missing rate, a transfer with one leg): shown above its figures. */
export function FundWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="alert" data-testid="fund-warnings">
      <strong>Check these before trusting the figures:</strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

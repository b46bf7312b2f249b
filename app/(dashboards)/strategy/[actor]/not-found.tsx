import Link from 'next/link';
import { loadOverview } from '@/lib/home/overview';
import { requireUser } from '@/lib/auth/session';

/** Checks the user itself: Next renders it with every request to the segment (see ledger's). */
export default async function StrategyNotFound() {
  await requireUser();
  const { strategies } = await loadOverview().catch(() => ({ strategies: [] }));
  return (
    <main className="page">
      <h1>Unknown strategy</h1>
      <p className="muted">
        No strategy of dashboard.conf, no builtin and no actor in the trading database has this
        name.
      </p>
      <h2>Known strategies</h2>
      <ul data-testid="known-strategies">
        {strategies.map((s) => (
          <li key={s.key}>
            <Link href={`/strategy/${encodeURIComponent(s.key)}`}>{s.displayName}</Link>{' '}
            <span className="muted">({s.actor})</span>
          </li>
        ))}
      </ul>
    </main>
  );
}

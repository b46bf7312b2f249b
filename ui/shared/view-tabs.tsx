/**
 * Tabs between the views of one subject (a strategy: trading, quality, report; the fund:
 * figures, report). Each tab keeps the window in force (`start`, `end`), so switching views
 * compares like with like; other parameters belong to one view and are dropped.
 */
export type ViewTab = { key: string; label: string; href: string };

export function viewHref(
  base: string,
  query: Record<string, string | string[] | undefined>,
): string {
  const keep = new URLSearchParams();
  for (const name of ['start', 'end'] as const) {
    const v = query[name];
    if (typeof v === 'string' && v !== '') keep.set(name, v);
  }
  const s = keep.toString();
  return s ? `${base}?${s}` : base;
}

export function ViewTabs({ tabs, current }: { tabs: ViewTab[]; current: string }) {
  return (
    <nav className="view-tabs" aria-label="Views">
      {tabs.map((t) =>
        t.key === current ? (
          <span key={t.key} className="view-tab current" aria-current="page">
            {t.label}
          </span>
        ) : (
          <a key={t.key} className="view-tab" href={t.href}>
            {t.label}
          </a>
        ),
      )}
    </nav>
  );
}

/** The strategy's views; `actor` is the URL key as it appears in `/strategy/[actor]`. */
export function StrategyTabs({
  actor,
  current,
  query,
}: {
  actor: string;
  current: 'trading' | 'quality' | 'report';
  query: Record<string, string | string[] | undefined>;
}) {
  const base = `/strategy/${encodeURIComponent(actor)}`;
  return (
    <ViewTabs
      current={current}
      tabs={[
        { key: 'trading', label: 'Trading', href: viewHref(base, query) },
        { key: 'quality', label: 'Execution quality', href: viewHref(`${base}/quality`, query) },
        { key: 'report', label: 'Performance report', href: viewHref(`${base}/report`, query) },
      ]}
    />
  );
}

/** The fund's views. */
export function FundTabs({
  current,
  query,
}: {
  current: 'figures' | 'report';
  query: Record<string, string | string[] | undefined>;
}) {
  return (
    <ViewTabs
      current={current}
      tabs={[
        { key: 'figures', label: 'Where the money went', href: viewHref('/fund', query) },
        { key: 'report', label: 'Performance report', href: viewHref('/fund/report', query) },
      ]}
    />
  );
}

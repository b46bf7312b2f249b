import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import type { RequestResult } from '@/lib/core/request-result';
import type { TimeWindow } from '@/lib/core/time/time-window';
import { strategyDisplayName } from '@/lib/strategy/exists';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { WindowedPage, type PageQuery, type WindowedContext } from '@/ui/shared/windowed-page';

export type StrategyTab = 'trading' | 'quality' | 'report';

/** Each tab's place under /strategy/<key>, the words after the name in its title, its tab title. */
const TABS: Record<StrategyTab, { suffix: string; heading: string; meta: string }> = {
  trading: { suffix: '', heading: 'trading', meta: 'strategy' },
  quality: { suffix: '/quality', heading: 'execution quality', meta: 'execution quality' },
  report: { suffix: '/report', heading: 'performance report', meta: 'performance report' },
};

export type StrategyPageProps = {
  params: Promise<{ actor: string }>;
  searchParams: Promise<PageQuery>;
};

/** The tab's generateMetadata: the title names what the URL asks for, only for a logged-in user. */
export function strategyMetadata(tab: StrategyTab) {
  return async ({ params }: StrategyPageProps): Promise<Metadata> => {
    if (!(await getCurrentUser().catch(() => null))) return {};
    const { actor } = await params;
    return { title: `${actor} · ${TABS[tab].meta}` };
  };
}

/** `name`'s heading on `tab`: "BTCMM trading", "BTCMM execution quality". */
export const strategyHeading = (name: string, tab: StrategyTab) => `${name} ${TABS[tab].heading}`;

/**
 * A strategy tab's shell (ui/shared/windowed-page.tsx): an unknown strategy is a 404, looked up
 * before the page streams. `actor` is the route segment as Next decoded it: decoding it again
 * would misread a `%` in a name. `load` is the tab's request, `view` draws its result.
 */
export function StrategyWindowedPage<R extends RequestResult<{ data: unknown }, string>>({
  actor,
  tab,
  searchParams,
  parseWindow,
  load,
  unavailable,
  view,
}: {
  actor: string;
  tab: StrategyTab;
  searchParams: Promise<PageQuery>;
  parseWindow: (query: PageQuery, now: Date) => TimeWindow;
  load: (actor: string, query: PageQuery, now: Date) => Promise<R>;
  /** The title of the panel saying the strategy's data cannot be read. */
  unavailable: string;
  view: (result: Extract<R, { kind: 'ok' }>, ctx: WindowedContext, path: string) => React.ReactNode;
}) {
  const path = `/strategy/${encodeURIComponent(actor)}${TABS[tab].suffix}`;
  return (
    <WindowedPage
      searchParams={searchParams}
      parseWindow={parseWindow}
      header={async (query) => {
        const name = await strategyDisplayName(actor);
        if (name === null) notFound();
        return {
          path,
          title: strategyHeading(name ?? actor, tab),
          tabs: <StrategyTabs actor={actor} current={tab} query={query} />,
        };
      }}
      load={(query, now) => load(actor, query, now)}
      problem={{
        heading: actor,
        unavailable,
        title: (subject) => strategyHeading(String(subject), tab),
        path,
      }}
      view={(result, ctx) => view(result, ctx, path)}
    />
  );
}

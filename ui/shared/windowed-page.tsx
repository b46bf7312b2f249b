import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import type { CalendarSettings } from '@/lib/core/time/presets';
import type { TimeWindow } from '@/lib/core/time/time-window';
import type { BadRequest, NotFound, RequestResult, Unavailable } from '@/lib/core/request-result';
import { loadDataAsOf, type DataAsOf } from '@/lib/db/trading/data-as-of';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { DataStatus } from './data-as-of';
import { ErrorPanel } from './error-panel';
import { DashboardLoading } from './skeleton';
import { WindowControl, WindowError } from './window-control';

export type PageQuery = Record<string, string | string[] | undefined>;

/** What a windowed page's view is given by its shell, each read once per request. */
export interface WindowedContext {
  query: PageQuery;
  /** The request's instant: the skeleton's window and the view's data are both taken at it. */
  now: Date;
  /** The display calendar (preferences, the page's `tz=`), for the skeleton and the view. */
  calendar: CalendarSettings;
  /** How fresh the trading data is (lib/db/trading/data-as-of.ts); null when unreadable. */
  asOf: DataAsOf | null;
}

/** The part of a page's header it can draw before its data. */
export interface WindowedHeader {
  path: string;
  title: string;
  /** The line under the title when it needs no data; otherwise a placeholder of its height. */
  subtitle?: string;
  tabs?: React.ReactNode;
}

/** How a view answers a result that is not ok: ProblemPage's texts, or its own rendering. */
export type ProblemView<S> =
  | Omit<ProblemProps<S>, 'result' | 'ctx'>
  | ((result: BadRequest<S> | NotFound | Unavailable, ctx: WindowedContext) => React.ReactNode);

type Ok<R> = Extract<R, { kind: 'ok' }>;
/** What a bad request was about (a strategy's name, an account), from the result type. */
type SubjectOf<R> = Extract<R, { kind: 'bad-request' }> extends BadRequest<infer S> ? S : never;
type AnyResult = RequestResult<{ data: unknown }, unknown>;

/**
 * The shell of a dashboard with a time window (strategy and its tabs, fund and its report,
 * ledger): the header at once, then the page's request (`load`, given the query with the display
 * zone) and the data-as-of line inside Suspense, and `view` of the result.
 *
 * A window the page's parser refuses is loaded and answered at once (the 400-style message
 * from the request's own parser). `header` runs before anything streams, so a page looks up
 * what it is about there and calls notFound(): a 404 must be decided before the first byte.
 */
export async function WindowedPage<R extends AnyResult>({
  searchParams,
  parseWindow,
  header,
  skeleton,
  load,
  problem,
  view,
}: {
  searchParams: Promise<PageQuery>;
  /** The page's own parser of its query (throws BadRequestError); only its window is used here. */
  parseWindow: (query: PageQuery, now: Date) => TimeWindow;
  header: (query: PageQuery) => WindowedHeader | Promise<WindowedHeader>;
  /** How many figure cards and charts the loading state stands in for. */
  skeleton?: { figures?: number; charts?: number };
  load: (query: PageQuery, now: Date) => Promise<R>;
  problem: ProblemView<SubjectOf<R>>;
  view: (result: Ok<R>, ctx: WindowedContext) => React.ReactNode;
}) {
  const query = await searchParams;
  const now = new Date();
  const loaded = (calendar: CalendarSettings) => (
    <LoadedView
      load={() => load(withZone(query, calendar), now)}
      problem={problem}
      view={view}
      at={{ query, now, calendar }}
    />
  );
  // The preview's window is the view's: parsed in the display zone (the user's, or `tz=`).
  const calendar = await displayCalendar(query);
  let window: TimeWindow;
  try {
    window = parseWindow(withZone(query, calendar), now);
  } catch {
    return loaded(calendar);
  }
  const { path, title, subtitle, tabs } = await header(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title={title}
          subtitle={subtitle}
          control={
            <WindowControl
              path={path}
              query={query}
              window={window}
              now={now}
              calendar={calendar}
              preview
            />
          }
          tabs={tabs}
          figures={skeleton?.figures}
          charts={skeleton?.charts}
        />
      }
    >
      {loaded(calendar)}
    </Suspense>
  );
}

async function LoadedView<R extends AnyResult>({
  load,
  problem,
  view,
  at,
}: {
  load: () => Promise<R>;
  problem: ProblemView<SubjectOf<R>>;
  view: (result: Ok<R>, ctx: WindowedContext) => React.ReactNode;
  at: Omit<WindowedContext, 'asOf'>;
}) {
  const [result, asOf] = await Promise.all([load(), loadDataAsOf(at.now)]);
  const ctx = { ...at, asOf };
  if (result.kind === 'ok') return view(result as Ok<R>, ctx);
  const failed = result as BadRequest<SubjectOf<R>> | NotFound | Unavailable;
  if (typeof problem === 'function') return problem(failed, ctx);
  return <ProblemPage result={failed} ctx={ctx} {...problem} />;
}

/**
 * A loaded dashboard's header: title, the page's subtitle line, how fresh the data is, and the
 * window control.
 */
export function DashboardHeader({
  title,
  titleTestId,
  subtitle,
  path,
  window,
  ctx: { query, now, calendar, asOf },
}: {
  title: React.ReactNode;
  titleTestId?: string;
  /** The line under the title, with its own element (`<div className="muted">`). */
  subtitle: React.ReactNode;
  path: string;
  window: TimeWindow;
  ctx: WindowedContext;
}) {
  return (
    <div className="dash-header">
      <div>
        <h1 data-testid={titleTestId}>{title}</h1>
        {subtitle}
        <DataStatus asOf={asOf} window={window} now={now} tz={calendar.zone} />
      </div>
      <WindowControl path={path} query={query} window={window} now={now} calendar={calendar} />
    </div>
  );
}

type ProblemProps<S> = {
  result: BadRequest<S> | NotFound | Unavailable;
  /** The unavailable page's heading (what the URL names). */
  heading: string;
  /** The unavailable panel's title: "This strategy cannot be shown". */
  unavailable: string;
  /** The bad window's heading, from the subject the request resolved to. */
  title: (subject: S) => string;
  path: string;
  ctx: WindowedContext;
};

/**
 * A view's page for a result that is not ok (lib/core/request-result): a 404, the panel saying
 * why the data cannot be read, or the bad window with a way back.
 */
function ProblemPage<S>({ result, heading, unavailable, title, path, ctx }: ProblemProps<S>) {
  if (result.kind === 'not-found') notFound();
  if (result.kind === 'unavailable') {
    return <UnavailablePage heading={heading} title={unavailable} message={result.message} />;
  }
  return (
    <main className="page">
      <div className="dash-header">
        <h1>{title(result.subject)}</h1>
      </div>
      <WindowError
        message={result.error.message}
        param={result.error.param}
        example={result.error.example}
        path={path}
        now={ctx.now}
        query={ctx.query}
        calendar={ctx.calendar}
      />
    </main>
  );
}

/** The page when a database or the configuration stops the view (lib/core/request-result). */
export function UnavailablePage({
  heading,
  title,
  message,
}: {
  heading: string;
  title: string;
  message: string;
}) {
  return (
    <main className="page">
      <h1>{heading}</h1>
      <ErrorPanel title={title} message={message} />
    </main>
  );
}

/** The notes a view's data carries (how a figure was computed, what was left out). */
export function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

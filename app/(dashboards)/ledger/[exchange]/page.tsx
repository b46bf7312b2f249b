import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { parseLedgerRequestQuery, type LedgerQuery } from '@/lib/ledger/domain/query';
import { ledgerAccountName } from '@/lib/ledger/exists';
import { formatTime } from '@/ui/shared/format';
import { handleLedgerRequest, type LedgerResult } from '@/lib/ledger/request';
import { HistoryNotice } from '@/ui/shared/history-notice';
import { LedgerFilters } from '@/ui/ledger/filters';
import { ledgerHref, ledgerPath } from '@/ui/ledger/links';
import { LedgerPending } from '@/ui/ledger/pending';
import { BalanceCheck, LedgerSummary } from '@/ui/ledger/summary';
import { LedgerPager, LedgerTable } from '@/ui/ledger/table';
import { WindowError } from '@/ui/shared/window-control';
import {
  DashboardHeader,
  UnavailablePage,
  WindowedPage,
  type PageQuery,
  type WindowedContext,
} from '@/ui/shared/windowed-page';
import styles from '@/ui/ledger/ledger.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ exchange: string }>;
}): Promise<Metadata> {
  // The title names what the URL asks for: only for a logged-in user.
  if (!(await getCurrentUser().catch(() => null))) return {};
  return { title: `${(await params).exchange.toUpperCase()} ledger` };
}

type Props = { params: Promise<{ exchange: string }>; searchParams: Promise<PageQuery> };

/** An unknown account is a 404, decided before the page streams (ui/shared/windowed-page.tsx). */
export default async function LedgerPage({ params, searchParams }: Props) {
  await requireUser();
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const { exchange } = await params;
  return (
    <WindowedPage
      searchParams={searchParams}
      parseWindow={(q, now) => parseLedgerRequestQuery(q, now).window}
      header={async () => {
        const account = await ledgerAccountName(exchange);
        if (account === null) notFound();
        const name = account ?? exchange.toUpperCase();
        return { path: ledgerPath(name), title: `${name} ledger` };
      }}
      skeleton={{ figures: 0, charts: 1 }}
      load={(query, now) => handleLedgerRequest(exchange, query, now)}
      problem={(result, ctx) => <LedgerProblem name={exchange} result={result} ctx={ctx} />}
      view={(result, ctx) => <LedgerView result={result} ctx={ctx} />}
    />
  );
}

/** Not found, unavailable, or a bad parameter: a window's with a way back, another's named. */
function LedgerProblem({
  name,
  result,
  ctx: { query: sp, now, calendar },
}: {
  name: string;
  result: Exclude<LedgerResult, { kind: 'ok' }>;
  ctx: WindowedContext;
}) {
  if (result.kind === 'not-found') notFound();
  if (result.kind === 'unavailable') {
    return (
      <UnavailablePage
        heading={`${name.toUpperCase()} ledger`}
        title="The ledger could not be loaded"
        message={result.message}
      />
    );
  }
  const { error: err, subject: account } = result;
  const isWindow = err.param === 'start' || err.param === 'end';
  return (
    <main className="page">
      <h1>{account} ledger</h1>
      {isWindow ? (
        <WindowError
          message={err.message}
          param={err.param}
          example={err.example}
          path={ledgerPath(account)}
          now={now}
          query={sp}
          calendar={calendar}
        />
      ) : (
        <div className="alert error" role="alert" data-testid="query-error" data-param={err.param}>
          <strong>Invalid {err.param ?? 'parameter'}.</strong>
          <div>{err.message}</div>
          {err.example && (
            <div>
              A valid example: <code>{`${err.param}=${err.example}`}</code>
            </div>
          )}
        </div>
      )}
    </main>
  );
}

function LedgerView({
  result,
  ctx,
}: {
  result: Extract<LedgerResult, { kind: 'ok' }>;
  ctx: WindowedContext;
}) {
  const { query: sp, calendar } = ctx;
  const tz = calendar.zone;
  // A `tz=` in the URL (a bad one was answered 400 before the page ran): the page's own links
  // (the filter form, Clear filters, sort, pager) keep it, as the window links do.
  const pageTz = typeof sp.tz === 'string' && sp.tz !== '' ? tz : undefined;
  const { data, history, account, accountKind: kind, window, query: q } = result;
  const path = ledgerPath(account);
  const href = (cursor: string | null, over: Partial<LedgerQuery> = {}) =>
    ledgerHref(path, window, { ...q, ...over }, cursor, pageTz);
  return (
    <main className="page">
      <DashboardHeader
        title={`${account} ledger${q.currency ? ` — ${q.currency}` : ''}`}
        titleTestId="ledger-title"
        subtitle={
          <p className="muted">
            Every fill, transfer, fee and drift correction of this account, with running balances.
            Times {tz === 'UTC' ? 'UTC' : `in ${tz}`}; the window end is excluded.
          </p>
        }
        path={path}
        window={window}
        ctx={ctx}
      />
      <HistoryNotice
        window={window}
        history={history}
        path={path}
        query={sp}
        none="No entries"
        subject={`${account}’s`}
        entry="entry"
        tz={tz}
      />
      {data.rollupNote && <div className="alert">{data.rollupNote}</div>}
      <div className={styles.summaryGrid}>
        <LedgerSummary lines={data.summary} fills={data.fills} transfers={data.transfers} />
        <section className="panel">
          {data.audit ? (
            <BalanceCheck
              testId="ledger-audit"
              title="Exchange-reported balance (latest audit)"
              note={`AUDIT event #${data.audit.eventId} at ${formatTime(data.audit.time, { tz })}, the latest before the window end, against our ledger up to that instant.`}
              lines={data.audit.balances}
              malformed={data.audit.malformed}
            />
          ) : (
            <div data-testid="ledger-audit">
              <h2>Exchange-reported balance</h2>
              <p className="muted">
                No balance audit of this account in the year before the window end.
              </p>
            </div>
          )}
          <BalanceCheck
            testId="ledger-cached"
            title="Cached balance (exchange.balance)"
            note="Kept by the trading engine; compared with our ledger now, including everything after the window."
            lines={data.cached.balances}
            malformed={data.cached.malformed}
          />
        </section>
      </div>
      <LedgerFilters
        path={path}
        window={window}
        q={q}
        currencies={data.summary.map((s) => s.currency)}
        account={account}
        kind={kind}
        tz={ctx.calendar.zone}
        pageTz={pageTz}
      />
      <section className="panel">
        <LedgerTable
          rows={data.rows}
          currencies={data.currencies}
          sort={q.sort}
          sortHref={href(null, { sort: q.sort === 'newest' ? 'oldest' : 'newest' })}
          costs={kind === 'costs'}
          tz={tz}
        />
        <LedgerPager
          shown={data.rows.length}
          position={data.position}
          firstHref={data.prevCursor ? href(null) : null}
          prevHref={data.prevCursor ? href(data.prevCursor) : null}
          nextHref={data.nextCursor ? href(data.nextCursor) : null}
        />
      </section>
      <LedgerPending transfers={data.pending} tz={tz} />
    </main>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { requireUser } from '@/lib/auth/session';
import { navAccess } from '@/lib/auth/domain/access';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { DataStatus } from '@/ui/shared/data-as-of';
import { TableSkeleton } from '@/ui/shared/skeleton';
import { loadOverview, type Overview } from '@/lib/home/overview';
import { accountSlug } from '@/lib/db/trading/accounts';
import { ErrorPanel, describeLoadError } from '@/ui/shared/error-panel';
import { formatAmount, formatCount, formatTime } from '@/ui/shared/format';
import { TodayPanel } from '@/ui/home/today';
import { displayCalendar } from '@/lib/preferences/display';
import { parseTimeZoneParam } from '@/lib/core/time/time-window';
import { BadRequestError } from '@/lib/core/errors';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Overview' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The title and how fresh the data is at once; today's figures and the lists stream in, each
 * in its own Suspense. Live: refreshes itself (today is always now). Times and "today" are the
 * display zone's (the user's preference; `tz=` for this view).
 */
export default async function HomePage({ searchParams }: Props) {
  const user = await requireUser();
  // Only what the user's scope opens (the lists themselves are limited by loadOverview).
  const open = navAccess(user);
  const query = await searchParams;
  const now = new Date();
  // A bad tz is answered 400 by the parameter gate (lib/http/gates/routes.ts); it is named here
  // and the page goes on in the preference's zone.
  let tzError: BadRequestError | null = null;
  let urlZone: string | null = null;
  try {
    urlZone = parseTimeZoneParam(query);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    tzError = err;
  }
  const [asOf, calendar] = await Promise.all([loadDataAsOf(now), displayCalendar(query)]);
  const tz = calendar.zone;
  return (
    <main className="page">
      <h1>Overview</h1>
      <DataStatus asOf={asOf} live tz={tz} />
      {tzError && (
        <div className="alert error" role="alert" data-testid="tz-error" data-param="tz">
          {tzError.message}. Times below are in {tz}.
        </div>
      )}
      {open.fund && (
        <Suspense
          fallback={
            <section className="panel" aria-busy="true">
              <h2>Today</h2>
              <p className="muted">Computing today&rsquo;s figures…</p>
            </section>
          }
        >
          <TodayPanel now={now} zone={tz} zoneInUrl={urlZone !== null} />
        </Suspense>
      )}
      <Suspense
        fallback={
          <div className="grid-2">
            {open.strategy && <TableSkeleton />}
            {open.ledger && <TableSkeleton rows={4} />}
          </div>
        }
      >
        <OverviewLists open={open} tz={tz} />
      </Suspense>
    </main>
  );
}

/** The strategies and accounts, with the catalog's progress and dashboard.conf's warnings. */
async function OverviewLists({
  open,
  tz,
}: {
  open: ReturnType<typeof navAccess>;
  /** The display zone of the last-fill times. */
  tz: string;
}) {
  let overview: Overview;
  try {
    overview = await loadOverview();
  } catch (err) {
    const message = describeLoadError(err);
    if (!message) throw err;
    return <ErrorPanel title="The trading data could not be loaded" message={message} />;
  }
  const { accounts, catalogProgress, configWarnings } = overview;
  // Gryphon's builtin strategies are listed only once they have traded here.
  const strategies = overview.strategies.filter((s) => s.source !== 'builtin' || s.seenInDatabase);
  const hiddenBuiltins = overview.strategies.length - strategies.length;
  return (
    <>
      {catalogProgress < 1 && (
        <div className="alert">
          Still reading the trading history ({Math.floor(catalogProgress * 100)}%): strategies that
          have not traded recently may be missing from this list until the server has read it all.
        </div>
      )}
      {configWarnings.map((w) => (
        <div className="alert" key={w}>
          dashboard.conf: {w}
        </div>
      ))}
      <div className="grid-2">
        {open.strategy && (
          <section className="panel" aria-labelledby="strategies-heading">
            <h2 id="strategies-heading">Strategies</h2>
            <table className="data" data-testid="strategies">
              <thead>
                <tr>
                  <th>Strategy</th>
                  <th>Actor</th>
                  <th className="num">Fills, 24 h</th>
                  <th>Last fill</th>
                </tr>
              </thead>
              <tbody>
                {strategies.map((s) => (
                  <tr key={s.key}>
                    <td>
                      <Link href={`/strategy/${encodeURIComponent(s.key)}`}>{s.displayName}</Link>{' '}
                      <span className="badge">{s.source}</span>
                    </td>
                    <td className="muted">{s.actor}</td>
                    <td className="num">
                      {s.fills24h > 0 ? (
                        <span className="badge live">{formatCount(s.fills24h)}</span>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="muted" style={{ whiteSpace: 'nowrap' }}>
                      {s.seenInDatabase
                        ? s.lastFillTime
                          ? formatTime(s.lastFillTime, { tz })
                          : '—'
                        : 'never traded'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {hiddenBuiltins > 0 && (
              <p className="muted" data-testid="hidden-builtins">
                {hiddenBuiltins} builtin {hiddenBuiltins === 1 ? 'strategy' : 'strategies'} of
                Gryphon that never traded here {hiddenBuiltins === 1 ? 'is' : 'are'} not listed.
              </p>
            )}
          </section>
        )}
        {open.ledger && (
          <section className="panel" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">Accounts</h2>
            {accounts.length === 0 ? (
              <p className="muted">The trading database has no exchange accounts yet.</p>
            ) : (
              <table className="data" data-testid="accounts">
                <thead>
                  <tr>
                    <th>Account</th>
                    <th className="num">Cached balance</th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((a) => (
                    <tr key={a.exchangeId}>
                      <td>
                        <Link href={`/ledger/${accountSlug(a.name)}`}>{a.name}</Link>
                        {a.name.toUpperCase() === 'BURN' && (
                          <>
                            {' '}
                            <span className="badge">operating costs</span>
                          </>
                        )}
                      </td>
                      <td className="num">
                        {Object.keys(a.balance).length === 0 && (
                          <span className="muted">empty</span>
                        )}
                        {Object.entries(a.balance).map(([cur, amount]) => (
                          <div key={cur}>{formatAmount(amount, cur)}</div>
                        ))}
                        {a.balanceMalformed && (
                          <div className="muted">(unreadable entries skipped)</div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
      </div>
    </>
  );
}

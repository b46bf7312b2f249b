import { requireUser } from '@/lib/auth/session';
import { navAccess } from '@/lib/auth/domain/access';
import { DatabaseUnreachableError } from '@/lib/core/errors';
import { loadOverview } from '@/lib/home/overview';
import { accountSlug } from '@/lib/db/trading/accounts';
import { NavBar, type NavAccount, type NavStrategy } from '@/ui/shared/nav-bar';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';

export const dynamic = 'force-dynamic';

export default async function DashboardsLayout({ children }: { children: React.ReactNode }) {
  let user;
  try {
    // Every page checks its own path; the layout only needs a user.
    user = await requireUser({ anyPage: true });
  } catch (err) {
    const message = describeLoadError(err);
    if (!message) throw err; // includes Next's redirect to /login
    // The session cannot be checked (the proxy has answered 503): the page is not rendered,
    // the navigation is, without the menus read from the databases.
    const title =
      err instanceof DatabaseUnreachableError
        ? `The ${err.database} database is unreachable`
        : 'The dashboards are unavailable';
    return (
      <>
        <NavBar strategies={[]} accounts={[]} />
        <main className="page">
          <ErrorPanel title={title} message={message} />
        </main>
      </>
    );
  }
  let strategies: NavStrategy[] = [];
  let accounts: NavAccount[] = [];
  try {
    const overview = await loadOverview();
    strategies = overview.strategies.map((s) => ({
      href: `/strategy/${encodeURIComponent(s.key)}`,
      label: s.displayName,
    }));
    accounts = overview.accounts.map((a) => ({
      href: `/ledger/${accountSlug(a.name)}`,
      label: a.name,
    }));
  } catch (err) {
    // The page itself reports the problem; the navigation just stays empty.
    if (!describeLoadError(err)) throw err;
  }
  return (
    <>
      <NavBar
        username={user.username}
        strategies={strategies}
        accounts={accounts}
        access={navAccess(user)}
      />
      {children}
    </>
  );
}

import Link from 'next/link';
import { LogoutButton } from './logout-button';
import { MenuCloser } from './menu-closer';
import { NavMenuButton } from './nav-menu-button';
import { ScrollRegions } from './scroll-regions';
import { currentTheme } from '@/lib/preferences/theme';
import { ThemeToggle } from './theme-toggle';

export interface NavStrategy {
  href: string;
  label: string;
}
export interface NavAccount {
  href: string;
  label: string;
}

/** Which parts of the navigation the user may open (lib/auth/domain/access.ts). */
export interface NavAccess {
  strategy: boolean;
  fund: boolean;
  ledger: boolean;
  /** The status board and the alerts. */
  status: boolean;
  admin: boolean;
}
const ALL: NavAccess = { strategy: true, fund: true, ledger: true, status: true, admin: false };

/**
 * Top navigation: same links as the home page, plus the account page and logout; only what the
 * user may open (`access`; the lists are already limited to the user's scope). Menus are
 * <details> so they work without JS (MenuCloser closes them as menus close). Without
 * `username` (the user database is unreachable) there is no logout. On a phone the links fold
 * behind a Menu button (NavMenuButton); the theme toggle starts from the `theme` cookie.
 */
export async function NavBar({
  username,
  strategies,
  accounts,
  access = ALL,
}: {
  username?: string;
  strategies: NavStrategy[];
  accounts: NavAccount[];
  access?: NavAccess;
}) {
  const theme = await currentTheme();
  return (
    <nav className="nav" aria-label="Main" data-menus>
      <MenuCloser />
      <ScrollRegions />
      <Link href="/" className="brand">
        Gryphon Dashboards
      </Link>
      <NavMenuButton controls="nav-links" />
      <div className="nav-links" id="nav-links">
        {access.strategy && (
          <details>
            <summary>Strategies</summary>
            <div className="menu">
              {strategies.length === 0 && <div className="head">No strategies yet</div>}
              {strategies.map((s) => (
                <Link key={s.href} href={s.href}>
                  {s.label}
                </Link>
              ))}
            </div>
          </details>
        )}
        {access.fund && <Link href="/fund">Fund</Link>}
        {access.ledger && (
          <details>
            <summary>Ledgers</summary>
            <div className="menu">
              {accounts.length === 0 && <div className="head">No exchange accounts</div>}
              {accounts.map((a) => (
                <Link key={a.href} href={a.href}>
                  {a.label}
                </Link>
              ))}
            </div>
          </details>
        )}
        {access.status && <Link href="/status">Status</Link>}
        {access.status && <Link href="/alerts">Alerts</Link>}
        {access.admin && (
          <details>
            <summary>Admin</summary>
            <div className="menu">
              <Link href="/admin/users">Users</Link>
              <Link href="/admin/audit">Audit log</Link>
              <Link href="/alerts/channels">Alert channels</Link>
              <Link href="/alerts/reports">Scheduled reports</Link>
            </div>
          </details>
        )}
        <span className="spacer" />
        <ThemeToggle initial={theme} />
        {username && (
          <>
            <Link href="/account" className="account-link" data-testid="account-link">
              {username}
            </Link>
            <LogoutButton />
          </>
        )}
      </div>
    </nav>
  );
}

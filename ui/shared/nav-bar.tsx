import Link from 'next/link';
import { LogoutButton } from './logout-button';
import { MenuCloser } from './menu-closer';

export interface NavStrategy {
  href: string;
  label: string;
}
export interface NavAccount {
  href: string;
  label: string;
}

/**
 * Top navigation: same links as the home page, plus logout. Menus are <details> so they work
 * without JS (MenuCloser closes them as menus close). Without `username` (the user database is unreachable) there is no logout.
 */
export function NavBar({
  username,
  strategies,
  accounts,
}: {
  username?: string;
  strategies: NavStrategy[];
  accounts: NavAccount[];
}) {
  return (
    <nav className="nav" aria-label="Main" data-menus>
      <MenuCloser />
      <Link href="/" className="brand">
        Gryphon Dashboards
      </Link>
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
      <Link href="/fund">Fund</Link>
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
      <span className="spacer" />
      {username && (
        <>
          <span className="muted" style={{ color: '#aab4c2' }}>
            {username}
          </span>
          <LogoutButton />
        </>
      )}
    </nav>
  );
}

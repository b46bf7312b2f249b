import type { Pool } from 'mysql2/promise';
import { rethrowFromPools } from '@/lib/db/pool';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';

/**
 * Reads an admin page's rows from the dashboards database; a database or configuration failure
 * comes back as its message for the page to show (anything else is a bug and is thrown).
 */
export async function readForPage<T>(
  pool: Pool,
  read: () => Promise<T>,
): Promise<{ data: T } | { error: string }> {
  try {
    return { data: await read().catch((err) => rethrowFromPools(err, [pool])) };
  } catch (err) {
    const error = describeLoadError(err);
    if (!error) throw err;
    return { error };
  }
}

/** An admin page that cannot be shown: its heading and why. */
export function AdminProblem({
  heading,
  title,
  message,
  param,
}: {
  heading: string;
  title: string;
  message: string;
  /** The query parameter at fault, for `data-param` (the fuzz test reads it). */
  param?: string;
}) {
  const panel = <ErrorPanel title={title} message={message} />;
  return (
    <main className="page">
      <h1>{heading}</h1>
      {param === undefined ? panel : <div data-param={param}>{panel}</div>}
    </main>
  );
}

/**
 * The layout of /alerts/channels and /alerts/reports: the heading and what the page is for, a
 * panel creating one, the table of those that exist (each row with its Manage cell), and what
 * follows (`children`: the delivery log, the reports built).
 */
export function AdminListPage({
  heading,
  intro,
  createTitle,
  createForm,
  testId,
  columns,
  empty,
  rows,
  children,
}: {
  heading: string;
  intro: React.ReactNode;
  createTitle: string;
  createForm: React.ReactNode;
  testId: string;
  columns: string[];
  empty: string;
  rows: React.ReactNode[];
  children?: React.ReactNode;
}) {
  return (
    <main className="page">
      <h1>{heading}</h1>
      <p className="muted">{intro}</p>
      <section className="panel">
        <h2>{createTitle}</h2>
        {createForm}
      </section>
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {rows}
        </tbody>
      </table>
      {children}
    </main>
  );
}

/** A row's last cell: its forms behind a Manage disclosure. */
export function ManageCell({ testId, children }: { testId?: string; children: React.ReactNode }) {
  return (
    <td>
      <details data-testid={testId}>
        <summary>Manage</summary>
        <div className="manage">{children}</div>
      </details>
    </td>
  );
}

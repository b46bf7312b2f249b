import styles from './skeleton.module.css';

/**
 * Placeholders shown by a dashboard's <Suspense> boundary while its data loads: the header
 * (title known, window control) is drawn at once by the page, these stand in for figures,
 * charts and tables with the height the real widget takes, so nothing jumps when it arrives.
 * Marked aria-busy for assistive technology; data-testid="skeleton" for the browser tests.
 */
export function Skeleton({ height, width = '100%' }: { height: number; width?: number | string }) {
  return <div className={styles.block} style={{ height, width }} aria-hidden="true" />;
}

/** A panel holding one chart of `height` px under a title line. */
export function ChartSkeleton({ height = 300 }: { height?: number }) {
  return (
    <section className="panel" aria-busy="true" data-testid="skeleton">
      <Skeleton height={20} width="30%" />
      <div style={{ height: 12 }} />
      <Skeleton height={height} />
    </section>
  );
}

/** A panel holding a table of `rows` lines. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <section className="panel" aria-busy="true" data-testid="skeleton">
      <div className={styles.rows}>
        <Skeleton height={20} width="30%" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={22} />
        ))}
      </div>
    </section>
  );
}

/** A row of headline figures (the cards at the top of strategy and fund pages). */
export function FiguresSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div className={styles.figures} aria-busy="true" data-testid="skeleton">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} height={76} />
      ))}
    </div>
  );
}

/**
 * The body of a dashboard while it loads: figures, `charts` charts, one table. Pages pass
 * the header they can draw without the data (title, data-as-of, window control) as children.
 */
export function DashboardSkeleton({
  children,
  charts = 2,
  figures = 4,
  testId,
}: {
  children?: React.ReactNode;
  charts?: number;
  figures?: number;
  testId?: string;
}) {
  return (
    <main className="page" data-testid={testId ?? 'dashboard-skeleton'} aria-busy="true">
      {children}
      {figures > 0 && <FiguresSkeleton count={figures} />}
      {Array.from({ length: charts }, (_, i) => (
        <ChartSkeleton key={i} />
      ))}
      <TableSkeleton />
    </main>
  );
}

/**
 * A dashboard's loading state, header first: the title and the window control are real (the
 * window is parsed without the database), the subtitle and data-as-of lines are placeholders
 * of their height, then `tabs` and the skeleton body.
 */
export function DashboardLoading({
  title,
  subtitle,
  control,
  tabs,
  charts,
  figures,
}: {
  title: React.ReactNode;
  /** The line under the title when it needs no data (the fund's): the header then wraps as the page's. */
  subtitle?: React.ReactNode;
  control?: React.ReactNode;
  tabs?: React.ReactNode;
  charts?: number;
  figures?: number;
}) {
  return (
    <DashboardSkeleton charts={charts} figures={figures}>
      <div className="dash-header">
        <div>
          <h1>{title}</h1>
          {/* The real lines' boxes: the subtitle one line, the data-status line as on the page. */}
          {subtitle ? (
            <div className="muted">{subtitle}</div>
          ) : (
            <div className="data-status-placeholder">
              <Skeleton height={14} width={380} />
            </div>
          )}
          <div className="data-status">
            <Skeleton height={14} width={420} />
          </div>
        </div>
        {control}
      </div>
      {tabs}
    </DashboardSkeleton>
  );
}

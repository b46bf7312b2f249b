import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import type { TimeWindow } from '../core/time/time-window';
import { parseDbDate } from '../db/db-time';
import { loadFundPerformance } from '../fund/report';
import { listCatalogActors } from '../strategy/catalog-read';
import { listStrategies } from '../strategy/list';
import { loadStrategyReport } from '../strategy/report';
import { resolveStrategy } from '../strategy/resolve';
import { reportLabel, type PeriodReport } from './domain/report';
import { dbTime } from './queries';

/**
 * The period report (lib/notify/domain/report.ts) from the features' own loaders, nothing
 * re-derived: the fund's figures are lib/fund/report.ts's (net assets at the start and end of
 * the window's UTC days, capital flows, and the change less the flows), each strategy's P&L is
 * lib/strategy/report.ts's total over the same days, the alerts are alert_event's 'firing'
 * rows of [start, end).
 */
export async function buildPeriodReport(
  window: TimeWindow,
  now: Date,
  deps: { trading: Pool; dashboards: Pool; strategies: Record<string, StrategyConfig> },
): Promise<PeriodReport> {
  const pools = { trading: deps.trading, dashboards: deps.dashboards };
  const [fund, catalog, alerts] = await Promise.all([
    loadFundPerformance(window, now, pools),
    listCatalogActors(deps.trading, deps.dashboards),
    firingAlerts(deps.dashboards, window),
  ]);
  const listed = listStrategies(
    deps.strategies,
    catalog.actors.map((a) => ({ ...a, fills24h: 0 })),
  ).filter((s) => s.seenInDatabase);
  const strategies: PeriodReport['strategies'] = [];
  for (const s of listed) {
    const config = await resolveStrategy(s.key, deps.strategies, pools);
    if (!config) continue;
    const r = await loadStrategyReport(config, window, now, pools);
    strategies.push({
      key: s.key,
      displayName: s.displayName,
      currency: r.strategy.priceCurrency,
      available: r.available,
      pnl: r.pnl.total,
    });
  }
  const notes: string[] = [];
  if (catalog.progress < 1)
    notes.push('The actor catalog is still being built: some strategies may be missing.');
  return {
    period: {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      label: reportLabel(window.start, window.end),
    },
    // The fund report's notes about returns do not apply here (no returns are shown).
    fund: {
      ...fund.figures,
      notes: [...fund.notes.filter((n) => !/\breturn\b/.test(n)), ...fund.warnings],
    },
    strategies,
    alerts,
    notes,
  };
}

async function firingAlerts(dashboards: Pool, w: TimeWindow): Promise<PeriodReport['alerts']> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `event_id`, `time`, `rule_name`, `subject`, `severity`, `message` FROM `alert_event` WHERE `state` = 'firing' AND `time` >= ? AND `time` < ? ORDER BY `time`, `event_id` LIMIT 1000",
    [dbTime(w.start), dbTime(w.end)],
  );
  return rows.map((r) => ({
    eventId: Number(r.event_id),
    time: (parseDbDate(r.time) as Date).toISOString(),
    rule: r.rule_name,
    subject: r.subject,
    severity: r.severity,
    message: r.message,
  }));
}

/**
 * Schema of our own read-write "dashboards" database.
 *
 * `user` keeps Gryphon's columns exactly (reference 10.1) so an existing Gryphon dashboards
 * database is adopted in place: its rows, its `$2a$12$` bcrypt hashes and its
 * `alembic_version` table are left untouched. Datetimes are naive UTC (Gryphon wrote server
 * local time into user.time_created; we only display it).
 */
import {
  bigint,
  boolean,
  date,
  datetime,
  decimal,
  double,
  index,
  int,
  longtext,
  mediumtext,
  mysqlTable,
  primaryKey,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

export const user = mysqlTable(
  'user',
  {
    userId: int('user_id').autoincrement().primaryKey(),
    uniqueId: varchar('unique_id', { length: 64 }).notNull(),
    username: varchar('username', { length: 64 }).notNull(),
    password: varchar('password', { length: 100 }).notNull(),
    userType: varchar('user_type', { length: 64 }).notNull(),
    timeCreated: datetime('time_created', { mode: 'date' }).notNull(),
    /**
     * Ours, not Gryphon's (defaulted, so Gryphon's inserts still work): sessions carry the value
     * they were issued under; raising it (logout, password change, `npm run user --
     * revoke-sessions`) ends every session issued before.
     */
    sessionVersion: int('session_version').notNull().default(0),
    /**
     * Ours (issue 13): what a MEMBER or VIEWER may see, JSON (lib/auth/domain/access.ts Scope);
     * NULL = no limit. The role itself is Gryphon's user_type ('ADMIN' | 'MEMBER' | 'VIEWER').
     */
    accessScope: text('access_scope'),
    /** Ours: set when an administrator disables the login (it cannot log in; sessions end). */
    timeDisabled: datetime('time_disabled', { mode: 'date' }),
  },
  (t) => [index('user_username_idx').on(t.username), index('user_unique_id_idx').on(t.uniqueId)],
);
export type User = typeof user.$inferSelect;
export type NewUser = typeof user.$inferInsert;

/**
 * One row per login attempt, so brute-force counters hold across restarts and across
 * several servers sharing the database. Old rows are pruned by the login path itself.
 */
export const loginAttempt = mysqlTable(
  'login_attempt',
  {
    attemptId: bigint('attempt_id', { mode: 'number', unsigned: true })
      .autoincrement()
      .primaryKey(),
    username: varchar('username', { length: 64 }).notNull(),
    ip: varchar('ip', { length: 64 }).notNull(),
    succeeded: boolean('succeeded').notNull(),
    timeCreated: datetime('time_created', { mode: 'date' }).notNull(),
  },
  (t) => [
    index('login_attempt_username_time_idx').on(t.username, t.timeCreated),
    index('login_attempt_ip_time_idx').on(t.ip, t.timeCreated),
  ],
);
export type LoginAttempt = typeof loginAttempt.$inferSelect;

/**
 * What we know about each `order.actor` of the trading database, built incrementally from
 * the trading tables' primary keys so the home page never scans the whole history.
 * Every column is a MIN/MAX, so re-reading a range of rows is harmless.
 */
export const actorCatalog = mysqlTable('actor_catalog', {
  actor: varchar('actor', { length: 64 }).primaryKey(),
  firstOrderTime: datetime('first_order_time', { mode: 'date' }),
  lastOrderTime: datetime('last_order_time', { mode: 'date' }),
  lastFillTime: datetime('last_fill_time', { mode: 'date' }),
});

/** Key/value high-water marks of incremental readers (e.g. the last order_id catalogued). */
export const syncState = mysqlTable(
  'sync_state',
  {
    name: varchar('name', { length: 64 }).notNull(),
    scope: varchar('scope', { length: 128 }).notNull().default(''),
    value: varchar('value', { length: 255 }).notNull(),
    timeUpdated: datetime('time_updated', { mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.scope] })],
);

/**
 * Exchange statements uploaded for reconciliation (issue 6 item 6): one row per upload, its
 * rows normalised with the account's column mapping (amount signed: + credits the account;
 * fee positive, charged on top). Times are naive UTC.
 */
export const ledgerStatement = mysqlTable(
  'ledger_statement',
  {
    statementId: bigint('statement_id', { mode: 'number', unsigned: true })
      .autoincrement()
      .primaryKey(),
    account: varchar('account', { length: 64 }).notNull(),
    fileName: varchar('file_name', { length: 255 }).notNull(),
    uploadedBy: varchar('uploaded_by', { length: 64 }).notNull(),
    timeUploaded: datetime('time_uploaded', { mode: 'date' }).notNull(),
    rowCount: int('row_count').notNull(),
    skippedCount: int('skipped_count').notNull(),
    timeMin: datetime('time_min', { mode: 'date' }),
    timeMax: datetime('time_max', { mode: 'date' }),
    /** The column mapping used, JSON. */
    mapping: text('mapping').notNull(),
  },
  (t) => [index('ledger_statement_account_time_idx').on(t.account, t.timeUploaded)],
);

export const ledgerStatementRow = mysqlTable(
  'ledger_statement_row',
  {
    statementId: bigint('statement_id', { mode: 'number', unsigned: true }).notNull(),
    /** 1-based line of the CSV file (the header is line 1). */
    lineNo: int('line_no').notNull(),
    /** Movement within the line (migration 0025): Bitstamp's trade line is up to three. */
    part: tinyint('part', { unsigned: true }).notNull().default(0),
    time: datetime('time', { mode: 'date' }).notNull(),
    amount: decimal('amount', { precision: 38, scale: 18, mode: 'string' }).notNull(),
    currency: varchar('currency', { length: 16 }).notNull(),
    fee: decimal('fee', { precision: 38, scale: 18, mode: 'string' }),
    rowType: varchar('row_type', { length: 64 }),
    externalId: varchar('external_id', { length: 128 }),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.lineNo, t.part] })],
);

/** Each account's statement column mapping, remembered from its last upload. */
export const ledgerStatementMapping = mysqlTable('ledger_statement_mapping', {
  account: varchar('account', { length: 64 }).primaryKey(),
  mapping: text('mapping').notNull(),
  updatedBy: varchar('updated_by', { length: 64 }).notNull(),
  timeUpdated: datetime('time_updated', { mode: 'date' }).notNull(),
});

/**
 * Exchange rates for the fund view (lib/fund/rates.ts): USD per unit of `currency` on a UTC
 * day. `source` is 'import' (npm run fx:import) or 'oxr' (Open Exchange Rates, cached).
 */
export const fxRate = mysqlTable(
  'fx_rate',
  {
    source: varchar('source', { length: 16 }).notNull(),
    currency: varchar('currency', { length: 16 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    usdRate: decimal('usd_rate', { precision: 36, scale: 12, mode: 'string' }).notNull(),
    timeUpdated: datetime('time_updated', { mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'fx_rate_pk', columns: [t.source, t.currency, t.day] }),
    index('fx_rate_currency_day_idx').on(t.currency, t.day),
  ],
);

/**
 * The rollup of the trading history (lib/rollup/): per time bucket at four levels (1 minute,
 * 1 hour, 1 day, 5 minutes: `level` 1, 2, 3, 4; `bucket` is the bucket's start, naive UTC; level
 * 4 only serves 5-, 15- and 30-minute bands, lib/rollup/domain/buckets.ts), per strategy
 * actor, account (order.exchange_name), side, currencies and whether the fill's order had a
 * USD rate, the exact sums of the fills with trade ids up to the `rollup.trade_id`
 * high-water mark in sync_state. Keys follow lib/fills/sql.ts (codes upper-cased, NULL is '').
 * notional is Σ trade.price (the fills' total notional, price currency); notional_usd is
 * Σ price × the USD rate (exact: 14 + 10 decimals); fee_value(_usd) are the fees valued in the
 * price currency (in USD) by lib/fills' rules, fee_unvalued(_usd) count the fees those rules
 * could not value (a third currency, no rate); volume_currency_fee is the part of the fees
 * charged in the volume currency; min/max_unit_price are over price/volume.
 */
export const rollupFill = mysqlTable(
  'rollup_fill',
  {
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    actor: varchar('actor', { length: 64 }).notNull(),
    account: varchar('account', { length: 64 }).notNull(),
    side: varchar('side', { length: 3 }).notNull(),
    priceCurrency: varchar('price_currency', { length: 64 }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 64 }).notNull(),
    feeCurrency: varchar('fee_currency', { length: 64 }).notNull(),
    rated: boolean('rated').notNull(),
    volume: decimal('volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    notional: decimal('notional', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    notionalUsd: decimal('notional_usd', { precision: 50, scale: 24, mode: 'string' }).notNull(),
    fee: decimal('fee', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    fillCount: int('fill_count').notNull(),
    feeValue: decimal('fee_value', { precision: 65, scale: 32, mode: 'string' }).notNull(),
    feeValueUsd: decimal('fee_value_usd', { precision: 65, scale: 34, mode: 'string' }).notNull(),
    feeUnvalued: int('fee_unvalued').notNull(),
    feeUnvaluedUsd: int('fee_unvalued_usd').notNull(),
    volumeCurrencyFee: decimal('volume_currency_fee', {
      precision: 38,
      scale: 14,
      mode: 'string',
    }).notNull(),
    minUnitPrice: decimal('min_unit_price', { precision: 65, scale: 18, mode: 'string' }),
    maxUnitPrice: decimal('max_unit_price', { precision: 65, scale: 18, mode: 'string' }),
  },
  (t) => [
    primaryKey({
      name: 'rollup_fill_pk',
      columns: [
        t.level,
        t.bucket,
        t.actor,
        t.account,
        t.side,
        t.priceCurrency,
        t.volumeCurrency,
        t.feeCurrency,
        t.rated,
      ],
    }),
    index('rollup_fill_actor').on(t.actor, t.level, t.bucket),
    index('rollup_fill_account').on(t.account, t.level, t.bucket),
  ],
);

/**
 * The rollup's FIFO states (lib/rollup/fifo.ts): per strategy actor, volume currency and
 * currency of account (the fills' own price currency, or USD), at the end of every bucket in
 * which the actor filled (levels as rollup_fill): the position and its range within the
 * bucket, running totals since the start of the history (cash = Σ ask − Σ bid prices, fees,
 * volume-currency fees, volume, fill count) and the open lots' totals. Realized revenue at the
 * bucket's end = cash − open_cash; fees of matched legs = fee − open_fee.
 */
export const rollupFifo = mysqlTable(
  'rollup_fifo',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 64 }).notNull(),
    currency: varchar('currency', { length: 64 }).notNull(),
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    position: decimal('position', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    posMin: decimal('pos_min', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    posMax: decimal('pos_max', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    fills: bigint('fills', { mode: 'number' }).notNull(),
    volume: decimal('volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    cash: decimal('cash', { precision: 65, scale: 34, mode: 'string' }).notNull(),
    fee: decimal('fee', { precision: 65, scale: 34, mode: 'string' }).notNull(),
    volumeCurrencyFee: decimal('volume_currency_fee', {
      precision: 38,
      scale: 14,
      mode: 'string',
    }).notNull(),
    openCash: decimal('open_cash', { precision: 65, scale: 36, mode: 'string' }).notNull(),
    openFee: decimal('open_fee', { precision: 65, scale: 36, mode: 'string' }).notNull(),
    openVolumeCurrencyFee: decimal('open_volume_currency_fee', {
      precision: 65,
      scale: 36,
      mode: 'string',
    }).notNull(),
    openVolume: decimal('open_volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_fifo_pk',
      columns: [t.actor, t.volumeCurrency, t.currency, t.level, t.bucket],
    }),
  ],
);

/**
 * Where each FIFO state of rollup_fifo stands after the rollup's mark: its open lots (JSON),
 * running totals and last fill; `valid` is 0 once a fill cannot be counted in that currency
 * (another price currency, no USD rate, a fee that cannot be valued): pages then read fills.
 */
export const rollupFifoQueue = mysqlTable(
  'rollup_fifo_queue',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 64 }).notNull(),
    currency: varchar('currency', { length: 64 }).notNull(),
    valid: boolean('valid').notNull(),
    lastTime: bigint('last_time_ms', { mode: 'number' }).notNull(),
    lastTradeId: bigint('last_trade_id', { mode: 'number' }).notNull(),
    state: longtext('state').notNull(),
  },
  (t) => [
    primaryKey({ name: 'rollup_fifo_queue_pk', columns: [t.actor, t.volumeCurrency, t.currency] }),
  ],
);

/**
 * The quality view's markout sums (lib/quality/rollup.ts, docs/quality.md#the-rollup-of-markouts):
 * per bucket (levels 1-3 as rollup_fill), strategy actor, pair (exchange), currencies, side and
 * horizon (0 = 0 s … 5 = 1 h, lib/quality/domain/markouts.ts HORIZONS), the sums of the fills'
 * markouts at that horizon: exact money (Σ markout × volume, each fill's rounded to 18 places)
 * and the h = 0 money of the same fills; floats for the statistics (Σ m, Σ m², … as
 * MarkoutSums); counts of the reference sources. Kept up to the quality time
 * (sync_state `rollup.quality_time`), which trails the FIFO time by the longest horizon.
 */
export const rollupMarkout = mysqlTable(
  'rollup_markout',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 64 }).notNull(),
    priceCurrency: varchar('price_currency', { length: 64 }).notNull(),
    exchange: varchar('exchange', { length: 64 }).notNull(),
    side: varchar('side', { length: 3 }).notNull(),
    horizon: int('horizon').notNull(),
    fills: bigint('fills', { mode: 'number' }).notNull(),
    volume: decimal('volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    money: decimal('money', { precision: 65, scale: 18, mode: 'string' }).notNull(),
    spreadMoney: decimal('spread_money', { precision: 65, scale: 18, mode: 'string' }).notNull(),
    m: double('m').notNull(),
    m2: double('m2').notNull(),
    wm2: double('wm2').notNull(),
    w: double('w').notNull(),
    w2: double('w2').notNull(),
    bps: double('bps').notNull(),
    bps2: double('bps2').notNull(),
    wbps: double('wbps').notNull(),
    wbps2: double('wbps2').notNull(),
    nFundamental: bigint('n_fundamental', { mode: 'number' }).notNull(),
    nQuoteMid: bigint('n_quote_mid', { mode: 'number' }).notNull(),
    nLastFill: bigint('n_last_fill', { mode: 'number' }).notNull(),
    pending: bigint('pending', { mode: 'number' }).notNull(),
    unpriced: bigint('unpriced', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_markout_pk',
      columns: [
        t.actor,
        t.level,
        t.bucket,
        t.volumeCurrency,
        t.priceCurrency,
        t.exchange,
        t.side,
        t.horizon,
      ],
    }),
  ],
);

/**
 * The audit log (issue 13): append-only. The app only INSERTs (lib/audit/record.ts); the
 * retention job DELETEs rows older than AUDIT_RETENTION_DAYS. `username` is kept as written
 * (a user deleted later still shows); `detail` is JSON (the export's window and row count,
 * the new role...). Times are naive UTC.
 */
export const auditEvent = mysqlTable(
  'audit_event',
  {
    eventId: bigint('event_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    time: datetime('time', { mode: 'date', fsp: 3 }).notNull(),
    action: varchar('action', { length: 48 }).notNull(),
    outcome: varchar('outcome', { length: 16 }).notNull(),
    username: varchar('username', { length: 64 }).notNull(),
    /** The user the action was about (user management), or the account (export, upload). */
    subject: varchar('subject', { length: 128 }).notNull().default(''),
    ip: varchar('ip', { length: 64 }).notNull(),
    userAgent: varchar('user_agent', { length: 255 }).notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [
    index('audit_event_time_idx').on(t.time),
    index('audit_event_user_time_idx').on(t.username, t.time),
    index('audit_event_action_time_idx').on(t.action, t.time),
  ],
);
export type AuditEvent = typeof auditEvent.$inferSelect;
export type NewAuditEvent = typeof auditEvent.$inferInsert;

/**
 * Alert history and delivery outbox (issue 14; drizzle/0020_alert_event.sql). One row per state
 * change of an alert rule on a subject ('strategy:NAME', 'account:NAME', 'fund',
 * 'database:trading', 'job:NAME'): state 'pending' | 'firing' | 'resolved'; severity 'warning' |
 * 'failing'; `message` one sentence with the figures; `detail` JSON (measured value, threshold,
 * the rule as evaluated). `channels`: comma-separated channel names to deliver to ('' = none);
 * `time_notified` is set by the dispatcher when delivery is finished. Times are naive UTC.
 */
export const alertEvent = mysqlTable(
  'alert_event',
  {
    eventId: bigint('event_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    time: datetime('time', { mode: 'date', fsp: 3 }).notNull(),
    ruleName: varchar('rule_name', { length: 128 }).notNull(),
    subject: varchar('subject', { length: 191 }).notNull(),
    state: varchar('state', { length: 16 }).notNull(),
    severity: varchar('severity', { length: 16 }).notNull(),
    message: text('message').notNull(),
    detail: text('detail').notNull(),
    channels: varchar('channels', { length: 512 }).notNull().default(''),
    timeNotified: datetime('time_notified', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    index('alert_event_time_idx').on(t.time),
    index('alert_event_rule_time_idx').on(t.ruleName, t.time),
    index('alert_event_outbox_idx').on(t.timeNotified, t.eventId),
  ],
);
export type AlertEvent = typeof alertEvent.$inferSelect;
export type NewAlertEvent = typeof alertEvent.$inferInsert;

/**
 * Two-factor authentication (issue 13, migration 0018): one row per user who started or
 * finished enrolling a TOTP authenticator, beside Gryphon's `user` table (left untouched).
 * `secret` is the base32 TOTP secret encrypted with AES-256-GCM under a key derived from
 * APP_COOKIE_SECRET (lib/auth/totp-crypto.ts). `time_confirmed` is NULL until the user typed a
 * first code (only then is a code asked at login); `last_step` is the newest 30-second time step
 * a code was accepted for, so a code is never accepted twice.
 */
export const userTotp = mysqlTable('user_totp', {
  userId: int('user_id').primaryKey(),
  secret: varchar('secret', { length: 255 }).notNull(),
  timeCreated: datetime('time_created', { mode: 'date' }).notNull(),
  timeConfirmed: datetime('time_confirmed', { mode: 'date' }),
  lastStep: bigint('last_step', { mode: 'number' }),
});
export type UserTotp = typeof userTotp.$inferSelect;

/** The 10 single-use recovery codes of an enrolment: sha-256 of salt + code, hex; used once. */
export const userTotpRecovery = mysqlTable(
  'user_totp_recovery',
  {
    userId: int('user_id').notNull(),
    codeNo: int('code_no').notNull(),
    salt: varchar('salt', { length: 32 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
    timeUsed: datetime('time_used', { mode: 'date' }),
  },
  (t) => [primaryKey({ name: 'user_totp_recovery_pk', columns: [t.userId, t.codeNo] })],
);

/**
 * Delivery channels (issue 14, drizzle/0021_notify.sql, lib/notify): kind 'webhook' | 'slack'
 * | 'email'; `target` the URL (webhook, slack) or comma-separated addresses (email); `secret`
 * the webhook's HMAC key (hex, '' for the other kinds). Times are naive UTC.
 */
export const notifyChannel = mysqlTable(
  'notify_channel',
  {
    channelId: bigint('channel_id', { mode: 'number', unsigned: true })
      .autoincrement()
      .primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    target: varchar('target', { length: 1024 }).notNull(),
    secret: varchar('secret', { length: 128 }).notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    timeCreated: datetime('time_created', { mode: 'date', fsp: 3 }).notNull(),
    timeUpdated: datetime('time_updated', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [uniqueIndex('notify_channel_name_uq').on(t.name)],
);
export type NotifyChannel = typeof notifyChannel.$inferSelect;

/**
 * The delivery log: one row per attempt to deliver something (`what`: 'alert' = alert_event
 * `ref_id`, 'report' = notify_report `ref_id`, 'test' = a channel's test notice) to a channel
 * by name. `outcome` 'ok' | 'failed' (retried at `next_retry`) | 'gave-up' | 'unknown-channel'
 * | 'disabled'; `status` the HTTP status or SMTP response.
 */
export const notifyDelivery = mysqlTable(
  'notify_delivery',
  {
    deliveryId: bigint('delivery_id', { mode: 'number', unsigned: true })
      .autoincrement()
      .primaryKey(),
    time: datetime('time', { mode: 'date', fsp: 3 }).notNull(),
    channelName: varchar('channel_name', { length: 64 }).notNull(),
    what: varchar('what', { length: 16 }).notNull(),
    refId: bigint('ref_id', { mode: 'number', unsigned: true }).notNull().default(0),
    title: varchar('title', { length: 255 }).notNull().default(''),
    attempt: int('attempt', { unsigned: true }).notNull(),
    outcome: varchar('outcome', { length: 16 }).notNull(),
    status: varchar('status', { length: 255 }).notNull().default(''),
    error: text('error').notNull(),
    nextRetry: datetime('next_retry', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    index('notify_delivery_ref_idx').on(t.what, t.refId, t.channelName),
    index('notify_delivery_retry_idx').on(t.nextRetry),
    index('notify_delivery_time_idx').on(t.time),
  ],
);

/**
 * Report schedules (/alerts/reports): `period` 'daily' | 'monthly' (UTC); `last_period_end`
 * the end of the last period built, so a restart neither skips nor repeats one.
 */
export const notifySchedule = mysqlTable(
  'notify_schedule',
  {
    scheduleId: bigint('schedule_id', { mode: 'number', unsigned: true })
      .autoincrement()
      .primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    period: varchar('period', { length: 16 }).notNull(),
    channels: varchar('channels', { length: 512 }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastPeriodEnd: datetime('last_period_end', { mode: 'date', fsp: 3 }),
    timeCreated: datetime('time_created', { mode: 'date', fsp: 3 }).notNull(),
    timeUpdated: datetime('time_updated', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [uniqueIndex('notify_schedule_name_uq').on(t.name)],
);

/** A built report (JSON `body`), delivered by the dispatcher like an alert event. */
export const notifyReport = mysqlTable(
  'notify_report',
  {
    reportId: bigint('report_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    scheduleId: bigint('schedule_id', { mode: 'number', unsigned: true }).notNull(),
    periodStart: datetime('period_start', { mode: 'date', fsp: 3 }).notNull(),
    periodEnd: datetime('period_end', { mode: 'date', fsp: 3 }).notNull(),
    channels: varchar('channels', { length: 512 }).notNull(),
    body: mediumtext('body').notNull(),
    timeBuilt: datetime('time_built', { mode: 'date', fsp: 3 }).notNull(),
    timeNotified: datetime('time_notified', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    uniqueIndex('notify_report_period_uq').on(t.scheduleId, t.periodStart),
    index('notify_report_outbox_idx').on(t.timeNotified, t.reportId),
  ],
);

/**
 * Alert rules edited on /alerts (lib/alerts; docs/operations.md). Rules of dashboard.conf and
 * the built-in defaults are not stored here. threshold is a decimal string in the unit of the
 * kind; for_seconds is how long a breach stays pending before it fires.
 */
export const alertRule = mysqlTable('alert_rule', {
  ruleId: bigint('rule_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
  name: varchar('name', { length: 128 }).notNull().unique('alert_rule_name_unique'),
  kind: varchar('kind', { length: 32 }).notNull(),
  subject: varchar('subject', { length: 191 }).notNull().default('*'),
  threshold: varchar('threshold', { length: 64 }).notNull().default('0'),
  forSeconds: int('for_seconds', { unsigned: true }).notNull().default(0),
  severity: varchar('severity', { length: 16 }).notNull().default('warning'),
  channels: varchar('channels', { length: 512 }).notNull().default(''),
  enabled: boolean('enabled').notNull().default(true),
  timeUpdated: datetime('time_updated', { mode: 'date', fsp: 3 }).notNull(),
  updatedBy: varchar('updated_by', { length: 64 }).notNull().default(''),
});
export type AlertRuleRow = typeof alertRule.$inferSelect;

/** The current state of each rule on each subject (ok, pending, firing, resolved) and since when. */
export const alertState = mysqlTable(
  'alert_state',
  {
    ruleName: varchar('rule_name', { length: 128 }).notNull(),
    subject: varchar('subject', { length: 191 }).notNull(),
    state: varchar('state', { length: 16 }).notNull(),
    since: datetime('since', { mode: 'date', fsp: 3 }).notNull(),
    value: varchar('value', { length: 512 }).notNull().default(''),
    timeEvaluated: datetime('time_evaluated', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleName, t.subject] })],
);
export type AlertStateRow = typeof alertState.$inferSelect;

/**
 * Per-user display preferences (issue 15; drizzle/0023_user_preference.sql), one row per user,
 * keyed by Gryphon's user.user_id. time_zone: 'UTC' or an IANA name; week_start: 'monday' |
 * 'sunday'; fiscal_year_start_month: 1-12; theme: 'system' | 'light' | 'dark'. Read and
 * validated by lib/preferences; a user without a row has the defaults.
 */
export const userPreference = mysqlTable('user_preference', {
  userId: int('user_id').primaryKey(),
  timeZone: varchar('time_zone', { length: 64 }).notNull().default('UTC'),
  weekStart: varchar('week_start', { length: 8 }).notNull().default('monday'),
  fiscalYearStartMonth: tinyint('fiscal_year_start_month').notNull().default(1),
  theme: varchar('theme', { length: 8 }).notNull().default('system'),
  timeUpdated: datetime('time_updated', { mode: 'date', fsp: 3 }).notNull(),
});
export type UserPreference = typeof userPreference.$inferSelect;
export type NewUserPreference = typeof userPreference.$inferInsert;

/**
 * The rollup of quoting (issue 12 item 8; drizzle/0024_rollup_quoting.sql,
 * lib/quality/rollup-quoting.ts): per minute, hour and day (`level` 1/2/3) of creation,
 * strategy actor (upper case) and exchange, the orders placed and closed by the time the
 * quality time passed them (counts by outcome, Σ order volume, Σ filled volume); their
 * lifetimes as a multiset (`kind` 'F' filled or partly, 'C' cancelled untouched; lifetime in
 * ms → n); the orders still open then (`rollup_quote_pending`, read live); and the two-sided
 * time per exact quoted spread (`rollup_spread`, below; `rollup_uptime` until 0027).
 */
export const rollupQuoting = mysqlTable(
  'rollup_quoting',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    exchange: varchar('exchange', { length: 64 }).notNull(),
    placed: bigint('placed', { mode: 'number' }).notNull(),
    filled: bigint('filled', { mode: 'number' }).notNull(),
    partly: bigint('partly', { mode: 'number' }).notNull(),
    cancelled: bigint('cancelled', { mode: 'number' }).notNull(),
    volume: decimal('volume', { precision: 65, scale: 30, mode: 'string' }).notNull(),
    filledVolume: decimal('filled_volume', { precision: 65, scale: 30, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'rollup_quoting_pk', columns: [t.actor, t.level, t.bucket, t.exchange] }),
  ],
);
export const rollupQuoteLifetime = mysqlTable(
  'rollup_quote_lifetime',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    kind: varchar('kind', { length: 1 }).notNull(),
    lifetimeMs: bigint('lifetime_ms', { mode: 'number' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_quote_lifetime_pk',
      columns: [t.actor, t.level, t.bucket, t.kind, t.lifetimeMs],
    }),
  ],
);
export const rollupQuotePending = mysqlTable(
  'rollup_quote_pending',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'rollup_quote_pending_pk', columns: [t.actor, t.bucket, t.orderId] })],
);
/**
 * The position's change per minute (Σ bid volume − Σ ask volume) per strategy actor and pair
 * currencies, from rollup_fill's minute rows, added with the quality rollup's stretches
 * (lib/quality/rollup-quoting.ts): the quality page's inventory over the covered stretch, read
 * in primary-key order.
 */
export const rollupPosition = mysqlTable(
  'rollup_position',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 64 }).notNull(),
    priceCurrency: varchar('price_currency', { length: 64 }).notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    volume: decimal('volume', { precision: 65, scale: 30, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_position_pk',
      columns: [t.actor, t.volumeCurrency, t.priceCurrency, t.bucket],
    }),
  ],
);

/**
 * Each app server's background job runs (issue 14; drizzle/0026_job_run.sql), one row per
 * server and job, upserted by the job runner (lib/background/job-runs.ts); /status reads them.
 */
export const jobRun = mysqlTable(
  'job_run',
  {
    serverId: varchar('server_id', { length: 128 }).notNull(),
    job: varchar('job', { length: 128 }).notNull(),
    everyMs: bigint('every_ms', { mode: 'number', unsigned: true }).notNull(),
    timeStarted: datetime('time_started', { mode: 'date', fsp: 3 }),
    timeFinished: datetime('time_finished', { mode: 'date', fsp: 3 }),
    timeSucceeded: datetime('time_succeeded', { mode: 'date', fsp: 3 }),
    lastOk: boolean('last_ok'),
    timeFailed: datetime('time_failed', { mode: 'date', fsp: 3 }),
    lastError: varchar('last_error', { length: 1024 }),
    durationMs: bigint('duration_ms', { mode: 'number', unsigned: true }),
    timeReported: datetime('time_reported', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.job] })],
);
export type JobRunRow = typeof jobRun.$inferSelect;

/** The status board's snapshot as the alert evaluation built it (lib/status/stored.ts). */
export const statusSnapshot = mysqlTable('status_snapshot', {
  name: varchar('name', { length: 32 }).primaryKey(),
  timeMeasured: datetime('time_measured', { mode: 'date', fsp: 3 }).notNull(),
  serverId: varchar('server_id', { length: 128 }).notNull().default(''),
  buildMs: int('build_ms', { unsigned: true }).notNull().default(0),
  body: mediumtext('body').notNull(),
});

/**
 * The rollup of quoting's two-sided time per exact quoted spread (drizzle/0027_rollup_spread.sql,
 * lib/quality/rollup-quoting.ts): per minute, hour and day (`level` 1/2/3), strategy actor and
 * exchange, one row whose `spreads` is "spread:ms;…" (exact decimals; ms of two-sided time).
 */
export const rollupSpread = mysqlTable(
  'rollup_spread',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    level: int('level').notNull(),
    bucket: datetime('bucket', { mode: 'string' }).notNull(),
    exchange: varchar('exchange', { length: 64 }).notNull(),
    spreads: mediumtext('spreads').notNull(),
  },
  (t) => [
    primaryKey({ name: 'rollup_spread_pk', columns: [t.actor, t.level, t.bucket, t.exchange] }),
  ],
);

import {
  FILL_ACCOUNT_SQL,
  FILL_ACTOR_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_FEE_SQL,
  FILL_FEE_VALUE_SQL,
  FILL_FEE_VALUE_USD_SQL,
  FILL_VOLUME_CURRENCY_FEE_SQL,
  FILL_NOTIONAL_SQL,
  FILL_NOTIONAL_USD_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_UNIT_PRICE_SQL,
  FILL_USD_RATE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
  FILL_VOLUME_SQL,
} from '../fills/sql';

/**
 * The rollup's reads of the trading database: fills grouped by the rollup's key (the fill
 * rules of lib/fills) and by minute. The same SELECT builds the rollup and answers the live
 * parts of a window, so the two cannot disagree.
 */
export const ROLLUP_KEYS_SQL =
  `${FILL_ACTOR_SQL} AS actor, ${FILL_ACCOUNT_SQL} AS account, ${FILL_SIDE_SQL} AS side, ` +
  `${FILL_PRICE_CURRENCY_SQL} AS pc, ${FILL_VOLUME_CURRENCY_SQL} AS vc, ${FILL_FEE_CURRENCY_SQL} AS fc, ` +
  `(${FILL_USD_RATE_SQL}) IS NOT NULL AS rated`;

export const ROLLUP_SUMS_SQL =
  `COALESCE(SUM(${FILL_VOLUME_SQL}), 0) AS volume, COALESCE(SUM(${FILL_NOTIONAL_SQL}), 0) AS notional, ` +
  `COALESCE(SUM(${FILL_NOTIONAL_USD_SQL}), 0) AS notionalUsd, COALESCE(SUM(${FILL_FEE_SQL}), 0) AS fee, COUNT(*) AS n, ` +
  `COALESCE(SUM(${FILL_FEE_VALUE_SQL}), 0) AS feeValue, COALESCE(SUM(${FILL_FEE_VALUE_USD_SQL}), 0) AS feeValueUsd, ` +
  `SUM((${FILL_FEE_VALUE_SQL}) IS NULL) AS feeUnvalued, SUM((${FILL_FEE_VALUE_USD_SQL}) IS NULL) AS feeUnvaluedUsd, ` +
  `COALESCE(SUM(${FILL_VOLUME_CURRENCY_FEE_SQL}), 0) AS vcFee, ` +
  `MIN(${FILL_UNIT_PRICE_SQL}) AS minUnit, MAX(${FILL_UNIT_PRICE_SQL}) AS maxUnit`;

export const MINUTE_SQL = "DATE_FORMAT(t.`time_created`, '%Y-%m-%d %H:%i:00')";

/** The start of the 5-minute bucket (level 4) holding the DATETIME `column`. */
export const fiveMinuteStartSql = (column: string): string =>
  `${column} - INTERVAL MINUTE(${column}) % 5 MINUTE`;

/** LEFT JOIN: a fill without its order still counts (on account '' and actor ''). */
export const FILLS_FROM_SQL = 'FROM `trade` t LEFT JOIN `order` o ON o.`order_id` = t.`order_id`';

export const ROLLUP_GROUP_SQL = 'actor, account, side, pc, vc, fc, rated';

/** The rollup table's columns, in sumsToRow's order. */
export const ROLLUP_COLUMNS =
  '`level`, `bucket`, `actor`, `account`, `side`, `price_currency`, `volume_currency`, `fee_currency`, `rated`, ' +
  '`volume`, `notional`, `notional_usd`, `fee`, `fill_count`, `fee_value`, `fee_value_usd`, `fee_unvalued`, ' +
  '`fee_unvalued_usd`, `volume_currency_fee`, `min_unit_price`, `max_unit_price`';

/** Adds to existing rows (sums are additive; each id range is added once, under the lock). */
export const ROLLUP_UPSERT_SQL =
  `INSERT INTO \`rollup_fill\` (${ROLLUP_COLUMNS}) VALUES ? ON DUPLICATE KEY UPDATE ` +
  '`volume` = `volume` + VALUES(`volume`), `notional` = `notional` + VALUES(`notional`), ' +
  '`notional_usd` = `notional_usd` + VALUES(`notional_usd`), `fee` = `fee` + VALUES(`fee`), ' +
  '`fill_count` = `fill_count` + VALUES(`fill_count`), `fee_value` = `fee_value` + VALUES(`fee_value`), ' +
  '`fee_value_usd` = `fee_value_usd` + VALUES(`fee_value_usd`), `fee_unvalued` = `fee_unvalued` + VALUES(`fee_unvalued`), ' +
  '`fee_unvalued_usd` = `fee_unvalued_usd` + VALUES(`fee_unvalued_usd`), ' +
  '`volume_currency_fee` = `volume_currency_fee` + VALUES(`volume_currency_fee`), ' +
  '`min_unit_price` = LEAST(COALESCE(`min_unit_price`, VALUES(`min_unit_price`)), COALESCE(VALUES(`min_unit_price`), `min_unit_price`)), ' +
  '`max_unit_price` = GREATEST(COALESCE(`max_unit_price`, VALUES(`max_unit_price`)), COALESCE(VALUES(`max_unit_price`), `max_unit_price`))';

/** Sums as the rollup table stores them, named like the live SELECT's columns. */
export const ROLLUP_TABLE_SUMS_SQL =
  'SUM(`volume`) AS volume, SUM(`notional`) AS notional, SUM(`notional_usd`) AS notionalUsd, SUM(`fee`) AS fee, ' +
  'SUM(`fill_count`) AS n, SUM(`fee_value`) AS feeValue, SUM(`fee_value_usd`) AS feeValueUsd, ' +
  'SUM(`fee_unvalued`) AS feeUnvalued, SUM(`fee_unvalued_usd`) AS feeUnvaluedUsd, SUM(`volume_currency_fee`) AS vcFee, ' +
  'MIN(`min_unit_price`) AS minUnit, MAX(`max_unit_price`) AS maxUnit';

export const ROLLUP_TABLE_KEYS_SQL =
  '`actor` AS actor, `account` AS account, `side` AS side, `price_currency` AS pc, `volume_currency` AS vc, ' +
  '`fee_currency` AS fc, `rated` AS rated';

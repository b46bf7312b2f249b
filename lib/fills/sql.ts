/**
 * The rules for reading a fill, as SQL expressions over `trade` t LEFT JOIN / JOIN `order` o.
 * Every query that reads fills uses these, so that pages classify the same fills alike; each
 * has a TypeScript twin in rules.ts, and rules.db.test.ts checks the two agree on MariaDB.
 * Plain strings: no parameters, no I/O.
 *
 * Text columns compare as MariaDB compares them: case-insensitively and ignoring trailing
 * spaces (the default PAD SPACE collations). Codes are returned upper-cased, '' for NULL.
 */

/** BID when trade_type (else its order's order_type) is BID; anything else, NULL included, is an ASK. */
export const FILL_SIDE_SQL =
  "CASE WHEN UPPER(COALESCE(t.`trade_type`, o.`order_type`)) = 'BID' THEN 'BID' ELSE 'ASK' END";

/** The account a fill belongs to: its order's exchange_name. */
export const FILL_ACCOUNT_SQL = "UPPER(COALESCE(o.`exchange_name`, ''))";
export const FILL_ACTOR_SQL = "UPPER(COALESCE(o.`actor`, ''))";
export const FILL_PRICE_CURRENCY_SQL = "UPPER(COALESCE(t.`price_currency`, ''))";
export const FILL_VOLUME_CURRENCY_SQL = "UPPER(COALESCE(t.`volume_currency`, ''))";

/** A fee without a fee currency (NULL or '') is in the price currency. */
export const FILL_FEE_CURRENCY_SQL =
  "UPPER(COALESCE(NULLIF(t.`fee_currency`, ''), t.`price_currency`, ''))";

/**
 * The fill's price currency -> USD: its order's exchange_rate when positive, 1 for a USD
 * price, else NULL (an "unrated" fill, valued at a day rate by whoever needs USD).
 */
export const FILL_USD_RATE_SQL =
  "CASE WHEN o.`exchange_rate` > 0 THEN o.`exchange_rate` WHEN UPPER(t.`price_currency`) = 'USD' THEN 1 END";

/** Amounts, NULL read as 0. trade.price is the fill's TOTAL notional, in its price currency. */
export const FILL_VOLUME_SQL = 'COALESCE(t.`volume`, 0)';
export const FILL_NOTIONAL_SQL = 'COALESCE(t.`price`, 0)';
export const FILL_FEE_SQL = 'COALESCE(t.`fee`, 0)';

/** Notional in USD, exact (DECIMAL(24,14) × DECIMAL(20,10)); NULL when unrated. */
export const FILL_NOTIONAL_USD_SQL = `${FILL_NOTIONAL_SQL} * (${FILL_USD_RATE_SQL})`;

/**
 * Notional per unit of volume, NULL for a zero or NULL volume. MariaDB gives a DECIMAL
 * quotient the dividend's scale plus div_precision_increment (default 4): 14 + 4 = 18
 * decimals here, the exact quotient rounded half away from zero (fillUnitPrice mirrors it).
 * Cast to that scale explicitly: MariaDB shows a quotient rounded, but carries more digits into
 * the next operation (a fee × unit price would not be what the unit price shows).
 */
export const FILL_UNIT_PRICE_SQL = `CAST(${FILL_NOTIONAL_SQL} / NULLIF(t.\`volume\`, 0) AS DECIMAL(65, 18))`;

/**
 * What one unit of the volume currency is worth in the fill's price currency, to value a fee
 * charged in the volume currency (Gryphon charges some BTC fees): the order's
 * fundamental_value when it is plausible (within 50 % of the fill's unit price; Gryphon's
 * harness writes a placeholder of 1 on every order), else the fill's unit price; a fill without
 * volume has no unit price, so its fundamental value (or 0) is taken as it stands.
 */
const FV_SQL = 'NULLIF(o.`fundamental_value`, 0)';
export const FILL_UNIT_VALUE_SQL =
  `CASE WHEN COALESCE(t.\`volume\`, 0) = 0 THEN COALESCE(${FV_SQL}, 0) ` +
  `WHEN ${FV_SQL} IS NOT NULL AND (${FILL_UNIT_PRICE_SQL}) > 0 AND ABS(${FV_SQL} - (${FILL_UNIT_PRICE_SQL})) * 2 <= (${FILL_UNIT_PRICE_SQL}) ` +
  `THEN ${FV_SQL} ELSE ${FILL_UNIT_PRICE_SQL} END`;

/** The fee in the fill's price currency: as it is, or a volume-currency fee × FILL_UNIT_VALUE_SQL; NULL when in a third currency. */
export const FILL_FEE_VALUE_SQL =
  `CASE WHEN ${FILL_FEE_SQL} = 0 THEN 0 WHEN ${FILL_FEE_CURRENCY_SQL} = ${FILL_PRICE_CURRENCY_SQL} THEN ${FILL_FEE_SQL} ` +
  `WHEN ${FILL_FEE_CURRENCY_SQL} = ${FILL_VOLUME_CURRENCY_SQL} THEN ${FILL_FEE_SQL} * (${FILL_UNIT_VALUE_SQL}) END`;

/**
 * The fee in USD: a USD fee as it is; else FILL_FEE_VALUE_SQL (rounded half away from zero to
 * 24 decimals, to stay within MariaDB's 38-decimal products) × the USD rate; NULL when unrated
 * or in a third currency.
 */
export const FILL_FEE_VALUE_USD_SQL =
  `CASE WHEN ${FILL_FEE_SQL} = 0 THEN 0 WHEN ${FILL_FEE_CURRENCY_SQL} = 'USD' THEN ${FILL_FEE_SQL} ` +
  `ELSE ROUND(${FILL_FEE_VALUE_SQL}, 24) * (${FILL_USD_RATE_SQL}) END`;

/** The part of the fee charged in the volume currency, in volume-currency units. */
export const FILL_VOLUME_CURRENCY_FEE_SQL = `CASE WHEN ${FILL_FEE_CURRENCY_SQL} = ${FILL_VOLUME_CURRENCY_SQL} AND ${FILL_FEE_CURRENCY_SQL} <> ${FILL_PRICE_CURRENCY_SQL} THEN ${FILL_FEE_SQL} ELSE 0 END`;

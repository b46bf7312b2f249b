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
 * A server with another div_precision_increment gives another scale: rules.db.test.ts says so.
 */
export const FILL_UNIT_PRICE_SQL = `${FILL_NOTIONAL_SQL} / NULLIF(t.\`volume\`, 0)`;

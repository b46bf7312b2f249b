-- The rollup's fourth level: 5-minute buckets (`level` 4, lib/rollup/domain/buckets.ts) of
-- rollup_fill and rollup_fifo, read where a window is drawn in 5-, 15- or 30-minute bands (a
-- day's 288 bands read 288 buckets instead of 1,440 minutes' rows). Built here from the minute
-- rows already stored, exactly as the refresher builds it: no rebuild. Under the rollup's lock
-- (the mark's row, as lib/rollup/refresh.ts takes it) and in one transaction, so a server of
-- this version waits, and a failure leaves nothing half-copied. A server of the previous
-- version still running meanwhile would add minutes without their level-4 rows: the rollup's
-- count check (verifyRollup) finds such days and rebuilds them.
START TRANSACTION;
--> statement-breakpoint
SELECT `value` FROM `sync_state` WHERE `name` = 'rollup.trade_id' AND `scope` = '' FOR UPDATE;
--> statement-breakpoint
DELETE FROM `rollup_fill` WHERE `level` = 4;
--> statement-breakpoint
INSERT INTO `rollup_fill` (`level`, `bucket`, `actor`, `account`, `side`, `price_currency`, `volume_currency`,
	`fee_currency`, `rated`, `volume`, `notional`, `notional_usd`, `fee`, `fill_count`, `fee_value`, `fee_value_usd`,
	`fee_unvalued`, `fee_unvalued_usd`, `volume_currency_fee`, `min_unit_price`, `max_unit_price`)
SELECT 4, `bucket` - INTERVAL MINUTE(`bucket`) % 5 MINUTE AS `b5`, `actor`, `account`, `side`, `price_currency`,
	`volume_currency`, `fee_currency`, `rated`, SUM(`volume`), SUM(`notional`), SUM(`notional_usd`), SUM(`fee`),
	SUM(`fill_count`), SUM(`fee_value`), SUM(`fee_value_usd`), SUM(`fee_unvalued`), SUM(`fee_unvalued_usd`),
	SUM(`volume_currency_fee`), MIN(`min_unit_price`), MAX(`max_unit_price`)
FROM `rollup_fill` WHERE `level` = 1
GROUP BY `b5`, `actor`, `account`, `side`, `price_currency`, `volume_currency`, `fee_currency`, `rated`;
--> statement-breakpoint
DELETE FROM `rollup_fifo` WHERE `level` = 4;
--> statement-breakpoint
-- A 5-minute row: the state at the end of its last minute row, the position's range over them.
INSERT INTO `rollup_fifo` (`actor`, `volume_currency`, `currency`, `level`, `bucket`, `position`, `pos_min`,
	`pos_max`, `fills`, `volume`, `cash`, `fee`, `volume_currency_fee`, `open_cash`, `open_fee`,
	`open_volume_currency_fee`, `open_volume`)
SELECT f.`actor`, f.`volume_currency`, f.`currency`, 4, g.`b5`, f.`position`, g.`lo`, g.`hi`, f.`fills`, f.`volume`,
	f.`cash`, f.`fee`, f.`volume_currency_fee`, f.`open_cash`, f.`open_fee`, f.`open_volume_currency_fee`, f.`open_volume`
FROM (
	SELECT `actor`, `volume_currency`, `currency`, `bucket` - INTERVAL MINUTE(`bucket`) % 5 MINUTE AS `b5`,
		MAX(`bucket`) AS `last`, MIN(`pos_min`) AS `lo`, MAX(`pos_max`) AS `hi`
	FROM `rollup_fifo` WHERE `level` = 1 GROUP BY `actor`, `volume_currency`, `currency`, `b5`
) g
JOIN `rollup_fifo` f ON f.`actor` = g.`actor` AND f.`volume_currency` = g.`volume_currency`
	AND f.`currency` = g.`currency` AND f.`level` = 1 AND f.`bucket` = g.`last`;
--> statement-breakpoint
COMMIT;

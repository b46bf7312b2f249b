-- The rollup of quoting's two-sided time per exact quoted spread, one row per bucket, actor and
-- exchange (`spreads`: "spread:ms;spread:ms…", the spread an exact decimal, ms an integer;
-- a spread may appear more than once when the bucket was built in several stretches) instead of
-- one row per spread (rollup_uptime): a 30-day window reads ~1,000 rows, not ~150,000.
CREATE TABLE IF NOT EXISTS `rollup_spread` (
	`actor` varchar(64) NOT NULL,
	`level` int NOT NULL,
	`bucket` datetime NOT NULL,
	`exchange` varchar(64) NOT NULL,
	`spreads` mediumtext NOT NULL,
	CONSTRAINT `rollup_spread_pk` PRIMARY KEY(`actor`,`level`,`bucket`,`exchange`)
);
--> statement-breakpoint
-- rollup_uptime again when a previous run of this migration dropped it (idempotent), so the
-- copy below reads an empty table.
CREATE TABLE IF NOT EXISTS `rollup_uptime` (
	`actor` varchar(64) NOT NULL,
	`level` int NOT NULL,
	`bucket` datetime NOT NULL,
	`exchange` varchar(64) NOT NULL,
	`spread` decimal(65,30) NOT NULL,
	`ms` bigint NOT NULL,
	CONSTRAINT `rollup_uptime_pk` PRIMARY KEY(`actor`,`level`,`bucket`,`exchange`,`spread`)
);
--> statement-breakpoint
-- What is stored moves over as it is (exact decimals, trailing zeros trimmed): no rebuild.
SET STATEMENT group_concat_max_len = 16777215 FOR
INSERT IGNORE INTO `rollup_spread` (`actor`, `level`, `bucket`, `exchange`, `spreads`)
SELECT `actor`, `level`, `bucket`, `exchange`,
	GROUP_CONCAT(CONCAT(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM `spread`)), ':', `ms`) ORDER BY `spread` SEPARATOR ';')
FROM `rollup_uptime` GROUP BY `actor`, `level`, `bucket`, `exchange`;
--> statement-breakpoint
DROP TABLE IF EXISTS `rollup_uptime`;

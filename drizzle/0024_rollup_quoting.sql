CREATE TABLE IF NOT EXISTS `rollup_quoting` (
	`actor` varchar(64) NOT NULL,
	`level` int NOT NULL,
	`bucket` datetime NOT NULL,
	`exchange` varchar(64) NOT NULL,
	`placed` bigint NOT NULL,
	`filled` bigint NOT NULL,
	`partly` bigint NOT NULL,
	`cancelled` bigint NOT NULL,
	`volume` decimal(65,30) NOT NULL,
	`filled_volume` decimal(65,30) NOT NULL,
	CONSTRAINT `rollup_quoting_pk` PRIMARY KEY(`actor`,`level`,`bucket`,`exchange`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `rollup_quote_lifetime` (
	`actor` varchar(64) NOT NULL,
	`level` int NOT NULL,
	`bucket` datetime NOT NULL,
	`kind` varchar(1) NOT NULL,
	`lifetime_ms` bigint NOT NULL,
	`n` bigint NOT NULL,
	CONSTRAINT `rollup_quote_lifetime_pk` PRIMARY KEY(`actor`,`level`,`bucket`,`kind`,`lifetime_ms`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `rollup_quote_pending` (
	`actor` varchar(64) NOT NULL,
	`bucket` datetime NOT NULL,
	`order_id` bigint NOT NULL,
	CONSTRAINT `rollup_quote_pending_pk` PRIMARY KEY(`actor`,`bucket`,`order_id`)
);
--> statement-breakpoint
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
CREATE TABLE IF NOT EXISTS `rollup_position` (
	`actor` varchar(64) NOT NULL,
	`volume_currency` varchar(64) NOT NULL,
	`price_currency` varchar(64) NOT NULL,
	`bucket` datetime NOT NULL,
	`volume` decimal(65,30) NOT NULL,
	CONSTRAINT `rollup_position_pk` PRIMARY KEY(`actor`,`volume_currency`,`price_currency`,`bucket`)
);
--> statement-breakpoint
-- The quality rollup (markouts and now quoting) shares one quality time: rebuild it from the
-- first fill so the new tables cover what rollup_markout covers.
DELETE FROM `rollup_markout`;
--> statement-breakpoint
DELETE FROM `sync_state` WHERE `name` = 'rollup.quality_time' AND `scope` = '';

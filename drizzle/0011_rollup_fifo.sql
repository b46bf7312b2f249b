CREATE TABLE IF NOT EXISTS `rollup_fifo` (
	`actor` varchar(64) NOT NULL,
	`volume_currency` varchar(64) NOT NULL,
	`currency` varchar(64) NOT NULL,
	`level` int NOT NULL,
	`bucket` datetime NOT NULL,
	`position` decimal(38,14) NOT NULL,
	`pos_min` decimal(38,14) NOT NULL,
	`pos_max` decimal(38,14) NOT NULL,
	`fills` bigint NOT NULL,
	`volume` decimal(38,14) NOT NULL,
	`cash` decimal(65,34) NOT NULL,
	`fee` decimal(65,34) NOT NULL,
	`volume_currency_fee` decimal(38,14) NOT NULL,
	`open_cash` decimal(65,36) NOT NULL,
	`open_fee` decimal(65,36) NOT NULL,
	`open_volume_currency_fee` decimal(65,36) NOT NULL,
	`open_volume` decimal(38,14) NOT NULL,
	CONSTRAINT `rollup_fifo_pk` PRIMARY KEY(`actor`,`volume_currency`,`currency`,`level`,`bucket`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `rollup_fifo_queue` (
	`actor` varchar(64) NOT NULL,
	`volume_currency` varchar(64) NOT NULL,
	`currency` varchar(64) NOT NULL,
	`valid` boolean NOT NULL,
	`last_time_ms` bigint NOT NULL,
	`last_trade_id` bigint NOT NULL,
	`state` longtext NOT NULL,
	CONSTRAINT `rollup_fifo_queue_pk` PRIMARY KEY(`actor`,`volume_currency`,`currency`)
);

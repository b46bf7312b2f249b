CREATE TABLE IF NOT EXISTS `actor_daily_volume` (
	`actor` varchar(64) NOT NULL,
	`volume_currency` varchar(8) NOT NULL,
	`day` date NOT NULL,
	`bid_volume` decimal(38,14) NOT NULL,
	`ask_volume` decimal(38,14) NOT NULL,
	`fill_count` int NOT NULL,
	CONSTRAINT `actor_daily_volume_actor_volume_currency_day_pk` PRIMARY KEY(`actor`,`volume_currency`,`day`)
);

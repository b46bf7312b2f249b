CREATE TABLE IF NOT EXISTS `fx_rate` (
	`source` varchar(16) NOT NULL,
	`currency` varchar(16) NOT NULL,
	`day` date NOT NULL,
	`usd_rate` decimal(36,12) NOT NULL,
	`time_updated` datetime NOT NULL,
	CONSTRAINT `fx_rate_pk` PRIMARY KEY(`source`,`currency`,`day`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `fx_rate_currency_day_idx` ON `fx_rate` (`currency`,`day`);
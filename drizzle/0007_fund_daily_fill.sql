CREATE TABLE IF NOT EXISTS `fund_daily_fill` (
	`day` date NOT NULL,
	`account` varchar(64) NOT NULL,
	`actor` varchar(64) NOT NULL,
	`side` varchar(3) NOT NULL,
	`price_currency` varchar(16) NOT NULL,
	`volume_currency` varchar(16) NOT NULL,
	`fee_currency` varchar(16) NOT NULL,
	`rated` boolean NOT NULL,
	`volume` decimal(38,14) NOT NULL,
	`price` decimal(38,14) NOT NULL,
	`price_usd` decimal(50,24) NOT NULL,
	`fee` decimal(38,14) NOT NULL,
	`fill_count` int NOT NULL,
	CONSTRAINT `fund_daily_fill_pk` PRIMARY KEY(`day`,`account`,`actor`,`side`,`price_currency`,`volume_currency`,`fee_currency`,`rated`)
);

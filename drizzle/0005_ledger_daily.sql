CREATE TABLE IF NOT EXISTS `ledger_daily` (
	`account` varchar(64) NOT NULL,
	`currency` varchar(16) NOT NULL,
	`day` date NOT NULL,
	`credits` decimal(38,14) NOT NULL,
	`debits` decimal(38,14) NOT NULL,
	`fees` decimal(38,14) NOT NULL,
	`fill_count` int NOT NULL,
	CONSTRAINT `ledger_daily_account_currency_day_pk` PRIMARY KEY(`account`,`currency`,`day`)
);

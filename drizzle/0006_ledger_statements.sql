CREATE TABLE IF NOT EXISTS `ledger_statement` (
	`statement_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`account` varchar(64) NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`uploaded_by` varchar(64) NOT NULL,
	`time_uploaded` datetime NOT NULL,
	`row_count` int NOT NULL,
	`skipped_count` int NOT NULL,
	`time_min` datetime,
	`time_max` datetime,
	`mapping` text NOT NULL,
	CONSTRAINT `ledger_statement_statement_id` PRIMARY KEY(`statement_id`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `ledger_statement_mapping` (
	`account` varchar(64) NOT NULL,
	`mapping` text NOT NULL,
	`updated_by` varchar(64) NOT NULL,
	`time_updated` datetime NOT NULL,
	CONSTRAINT `ledger_statement_mapping_account` PRIMARY KEY(`account`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `ledger_statement_row` (
	`statement_id` bigint unsigned NOT NULL,
	`line_no` int NOT NULL,
	`time` datetime NOT NULL,
	`amount` decimal(38,18) NOT NULL,
	`currency` varchar(16) NOT NULL,
	`fee` decimal(38,18),
	`row_type` varchar(64),
	`external_id` varchar(128),
	CONSTRAINT `ledger_statement_row_statement_id_line_no_pk` PRIMARY KEY(`statement_id`,`line_no`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `ledger_statement_account_time_idx` ON `ledger_statement` (`account`,`time_uploaded`);
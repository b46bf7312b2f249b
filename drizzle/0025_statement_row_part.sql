-- A statement line may be several movements (Bitstamp: a trade's volume, value and fee): each
-- is its own row, numbered by `part` within the line (0 for single-movement formats).
ALTER TABLE `ledger_statement_row` ADD COLUMN IF NOT EXISTS `part` tinyint unsigned NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE `ledger_statement_row` DROP PRIMARY KEY, ADD PRIMARY KEY (`statement_id`, `line_no`, `part`);

-- Alert rules edited on /alerts (issue 14; rules declared in dashboard.conf and the built-in
-- defaults are not stored) and the current state of each rule on each subject, kept by the
-- evaluator (lib/alerts/evaluate.ts) under a named lock; each change of state is also appended
-- to alert_event (0020). threshold is a decimal string in the kind's unit (docs/operations.md).
CREATE TABLE IF NOT EXISTS `alert_rule` (
	`rule_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(128) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`subject` varchar(191) NOT NULL DEFAULT '*',
	`threshold` varchar(64) NOT NULL DEFAULT '0',
	`for_seconds` int unsigned NOT NULL DEFAULT 0,
	`severity` varchar(16) NOT NULL DEFAULT 'warning',
	`channels` varchar(512) NOT NULL DEFAULT '',
	`enabled` boolean NOT NULL DEFAULT true,
	`time_updated` datetime(3) NOT NULL,
	`updated_by` varchar(64) NOT NULL DEFAULT '',
	CONSTRAINT `alert_rule_rule_id` PRIMARY KEY(`rule_id`),
	CONSTRAINT `alert_rule_name_unique` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `alert_state` (
	`rule_name` varchar(128) NOT NULL,
	`subject` varchar(191) NOT NULL,
	`state` varchar(16) NOT NULL,
	`since` datetime(3) NOT NULL,
	`value` varchar(512) NOT NULL DEFAULT '',
	`time_evaluated` datetime(3) NOT NULL,
	CONSTRAINT `alert_state_rule_name_subject_pk` PRIMARY KEY(`rule_name`,`subject`)
);

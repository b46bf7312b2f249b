-- Delivery of notices (issue 14, lib/notify): the channels admins set up on /alerts/channels,
-- the log of every delivery attempt, the report schedules of /alerts/reports and the reports
-- they have built (the outbox of scheduled reports, as alert_event is the alerts' outbox).
CREATE TABLE IF NOT EXISTS `notify_channel` (
	`channel_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`target` varchar(1024) NOT NULL,
	`secret` varchar(128) NOT NULL DEFAULT '',
	`enabled` tinyint(1) NOT NULL DEFAULT 1,
	`time_created` datetime(3) NOT NULL,
	`time_updated` datetime(3) NOT NULL,
	CONSTRAINT `notify_channel_channel_id` PRIMARY KEY(`channel_id`),
	CONSTRAINT `notify_channel_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `notify_delivery` (
	`delivery_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`time` datetime(3) NOT NULL,
	`channel_name` varchar(64) NOT NULL,
	`what` varchar(16) NOT NULL,
	`ref_id` bigint unsigned NOT NULL DEFAULT 0,
	`title` varchar(255) NOT NULL DEFAULT '',
	`attempt` int unsigned NOT NULL,
	`outcome` varchar(16) NOT NULL,
	`status` varchar(255) NOT NULL DEFAULT '',
	`error` text NOT NULL,
	`next_retry` datetime(3),
	CONSTRAINT `notify_delivery_delivery_id` PRIMARY KEY(`delivery_id`),
	INDEX `notify_delivery_ref_idx` (`what`,`ref_id`,`channel_name`),
	INDEX `notify_delivery_retry_idx` (`next_retry`),
	INDEX `notify_delivery_time_idx` (`time`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `notify_schedule` (
	`schedule_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`period` varchar(16) NOT NULL,
	`channels` varchar(512) NOT NULL,
	`enabled` tinyint(1) NOT NULL DEFAULT 1,
	`last_period_end` datetime(3),
	`time_created` datetime(3) NOT NULL,
	`time_updated` datetime(3) NOT NULL,
	CONSTRAINT `notify_schedule_schedule_id` PRIMARY KEY(`schedule_id`),
	CONSTRAINT `notify_schedule_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `notify_report` (
	`report_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`schedule_id` bigint unsigned NOT NULL,
	`period_start` datetime(3) NOT NULL,
	`period_end` datetime(3) NOT NULL,
	`channels` varchar(512) NOT NULL,
	`body` mediumtext NOT NULL,
	`time_built` datetime(3) NOT NULL,
	`time_notified` datetime(3),
	CONSTRAINT `notify_report_report_id` PRIMARY KEY(`report_id`),
	CONSTRAINT `notify_report_period_uq` UNIQUE(`schedule_id`,`period_start`),
	INDEX `notify_report_outbox_idx` (`time_notified`,`report_id`)
);

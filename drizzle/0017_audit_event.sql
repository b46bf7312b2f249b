CREATE TABLE IF NOT EXISTS `audit_event` (
	`event_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`time` datetime(3) NOT NULL,
	`action` varchar(48) NOT NULL,
	`outcome` varchar(16) NOT NULL,
	`username` varchar(64) NOT NULL,
	`subject` varchar(128) NOT NULL DEFAULT '',
	`ip` varchar(64) NOT NULL,
	`user_agent` varchar(255) NOT NULL,
	`detail` text NOT NULL,
	CONSTRAINT `audit_event_event_id` PRIMARY KEY(`event_id`),
	INDEX `audit_event_time_idx` (`time`),
	INDEX `audit_event_user_time_idx` (`username`,`time`),
	INDEX `audit_event_action_time_idx` (`action`,`time`)
);

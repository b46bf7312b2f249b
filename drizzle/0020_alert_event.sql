-- The alert history and the outbox of alert deliveries (issue 14). The evaluator (lib/alerts)
-- appends one row per state change of a rule on a subject; the dispatcher (lib/notify) delivers
-- each row whose `channels` is not empty and sets `time_notified` once every channel has
-- either accepted it or given up after its retries.
CREATE TABLE IF NOT EXISTS `alert_event` (
	`event_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`time` datetime(3) NOT NULL,
	`rule_name` varchar(128) NOT NULL,
	`subject` varchar(191) NOT NULL,
	`state` varchar(16) NOT NULL,
	`severity` varchar(16) NOT NULL,
	`message` text NOT NULL,
	`detail` text NOT NULL,
	`channels` varchar(512) NOT NULL DEFAULT '',
	`time_notified` datetime(3),
	CONSTRAINT `alert_event_event_id` PRIMARY KEY(`event_id`),
	INDEX `alert_event_time_idx` (`time`),
	INDEX `alert_event_rule_time_idx` (`rule_name`,`time`),
	INDEX `alert_event_outbox_idx` (`time_notified`,`event_id`)
);

CREATE TABLE IF NOT EXISTS `login_attempt` (
	`attempt_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`username` varchar(64) NOT NULL,
	`ip` varchar(64) NOT NULL,
	`succeeded` boolean NOT NULL,
	`time_created` datetime NOT NULL,
	CONSTRAINT `login_attempt_attempt_id` PRIMARY KEY(`attempt_id`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `login_attempt_username_time_idx` ON `login_attempt` (`username`,`time_created`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `login_attempt_ip_time_idx` ON `login_attempt` (`ip`,`time_created`);
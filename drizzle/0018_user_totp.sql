CREATE TABLE IF NOT EXISTS `user_totp` (
	`user_id` int NOT NULL,
	`secret` varchar(255) NOT NULL,
	`time_created` datetime NOT NULL,
	`time_confirmed` datetime,
	`last_step` bigint,
	CONSTRAINT `user_totp_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `user_totp_recovery` (
	`user_id` int NOT NULL,
	`code_no` int NOT NULL,
	`salt` varchar(32) NOT NULL,
	`hash` varchar(64) NOT NULL,
	`time_used` datetime,
	CONSTRAINT `user_totp_recovery_pk` PRIMARY KEY(`user_id`,`code_no`)
);

-- Per-user display preferences (issue 15): the time zone every time is shown in (IANA name or
-- 'UTC'; a `tz=` query parameter overrides it for one view), the first day of a week and the
-- first month of a fiscal year (the This week / This quarter / This fiscal year presets), and the
-- colour theme ('system' | 'light' | 'dark'; read and written by the dark-mode toggle). One row
-- per user, written on the first save from /account; a user without a row has the defaults.
-- No foreign key: `user` is Gryphon's table and may be MyISAM; lib/preferences ignores rows of
-- deleted users.
CREATE TABLE IF NOT EXISTS `user_preference` (
	`user_id` int NOT NULL,
	`time_zone` varchar(64) NOT NULL DEFAULT 'UTC',
	`week_start` varchar(8) NOT NULL DEFAULT 'monday',
	`fiscal_year_start_month` tinyint NOT NULL DEFAULT 1,
	`theme` varchar(8) NOT NULL DEFAULT 'system',
	`time_updated` datetime(3) NOT NULL,
	CONSTRAINT `user_preference_user_id` PRIMARY KEY(`user_id`)
);

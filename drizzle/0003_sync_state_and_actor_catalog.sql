CREATE TABLE IF NOT EXISTS `actor_catalog` (
	`actor` varchar(64) NOT NULL,
	`first_order_time` datetime,
	`last_order_time` datetime,
	`last_fill_time` datetime,
	CONSTRAINT `actor_catalog_actor` PRIMARY KEY(`actor`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `sync_state` (
	`name` varchar(64) NOT NULL,
	`scope` varchar(128) NOT NULL DEFAULT '',
	`value` varchar(255) NOT NULL,
	`time_updated` datetime NOT NULL,
	CONSTRAINT `sync_state_name_scope_pk` PRIMARY KEY(`name`,`scope`)
);

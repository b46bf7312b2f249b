CREATE INDEX IF NOT EXISTS `user_username_idx` ON `user` (`username`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `user_unique_id_idx` ON `user` (`unique_id`);
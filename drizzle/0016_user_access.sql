ALTER TABLE `user` ADD COLUMN IF NOT EXISTS `access_scope` text, ADD COLUMN IF NOT EXISTS `time_disabled` datetime;

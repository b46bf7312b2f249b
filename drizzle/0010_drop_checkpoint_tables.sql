DROP TABLE IF EXISTS `actor_daily_volume`;--> statement-breakpoint
DROP TABLE IF EXISTS `fund_daily_fill`;--> statement-breakpoint
DROP TABLE IF EXISTS `ledger_daily`;--> statement-breakpoint
DELETE FROM `sync_state` WHERE `name` IN ('actor_daily.trade_id', 'fund_daily.trade_id', 'ledger_daily.trade_id');

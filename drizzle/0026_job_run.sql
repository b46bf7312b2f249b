-- Issue 14: every app server's background job runs, one row per server and job, upserted by
-- the job runner (lib/background/job-runs.ts) at each start and end; /status reads them all, so
-- an operator sees every server's jobs (docs/operations.md#background-jobs). time_reported is the
-- row's last write: a server whose rows all stopped moving has stopped reporting.
CREATE TABLE IF NOT EXISTS `job_run` (
	`server_id` varchar(128) NOT NULL,
	`job` varchar(128) NOT NULL,
	`every_ms` bigint unsigned NOT NULL,
	`time_started` datetime(3),
	`time_finished` datetime(3),
	`time_succeeded` datetime(3),
	`last_ok` boolean,
	`time_failed` datetime(3),
	`last_error` varchar(1024),
	`duration_ms` bigint unsigned,
	`time_reported` datetime(3) NOT NULL,
	CONSTRAINT `job_run_server_id_job_pk` PRIMARY KEY(`server_id`,`job`)
);
--> statement-breakpoint
-- The status board's snapshot as the alert evaluation (lib/alerts/evaluate.ts, every minute, one
-- server at a time) built it: /status serves it with its time instead of rebuilding it on every
-- request (lib/status/stored.ts). One row per name ('latest'); body is the snapshot's JSON.
CREATE TABLE IF NOT EXISTS `status_snapshot` (
	`name` varchar(32) NOT NULL,
	`time_measured` datetime(3) NOT NULL,
	`server_id` varchar(128) NOT NULL DEFAULT '',
	`build_ms` int unsigned NOT NULL DEFAULT 0,
	`body` mediumtext NOT NULL,
	CONSTRAINT `status_snapshot_name` PRIMARY KEY(`name`)
);

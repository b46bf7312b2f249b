-- Gryphon's own `user` table (alembic revision 5169cd803822), created only when absent so an
-- existing Gryphon dashboards database is adopted in place with every row kept.
-- Every statement in these migrations is idempotent: MariaDB DDL is not transactional, so a
-- migration interrupted half-way is finished by simply running `npm run migrate` again.
CREATE TABLE IF NOT EXISTS `user` (
	`user_id` int AUTO_INCREMENT NOT NULL,
	`unique_id` varchar(64) NOT NULL,
	`username` varchar(64) NOT NULL,
	`password` varchar(100) NOT NULL,
	`user_type` varchar(64) NOT NULL,
	`time_created` datetime NOT NULL,
	CONSTRAINT `user_user_id` PRIMARY KEY(`user_id`)
);

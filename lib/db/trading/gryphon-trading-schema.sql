-- Gryphon's trading database schema, exactly as its alembic revision 4ee15d6375e creates it
-- (gryphon/execution/migrations/versions/4ee15d6375e_initial_migration.py).
-- This project never migrates the trading database: this file exists so that the tests and
-- the demo can create a database identical to the one a Gryphon installation already has.
-- Creation order follows the foreign keys: event, exchange, flag, liability, order, result,
-- datum, result_trade, transaction, trade.

CREATE TABLE `event` (
  `unique_id` VARCHAR(64) NOT NULL,
  `event_id` INT NOT NULL AUTO_INCREMENT,
  `time_created` DATETIME NOT NULL,
  `exchange_name` VARCHAR(256) NOT NULL,
  `event_type` VARCHAR(256) NOT NULL,
  `data` LONGTEXT NULL,
  PRIMARY KEY (`event_id`),
  KEY `time_created` (`time_created`)
);

CREATE TABLE `exchange` (
  `exchange_id` INT NOT NULL AUTO_INCREMENT,
  `unique_id` VARCHAR(64) NOT NULL,
  `name` VARCHAR(64) NOT NULL,
  `position` LONGTEXT NULL,
  `target` LONGTEXT NULL,
  `balance` LONGTEXT NULL,
  `multi_position_cache` DECIMAL(24,14) NULL,
  PRIMARY KEY (`exchange_id`)
);

CREATE TABLE `flag` (
  `key` VARCHAR(64) NOT NULL,
  `value` LONGTEXT NULL,
  PRIMARY KEY (`key`)
);

CREATE TABLE `liability` (
  `liability_id` INT NOT NULL AUTO_INCREMENT,
  `unique_id` VARCHAR(64) NOT NULL,
  `time_created` DATETIME NOT NULL,
  `amount` DECIMAL(24,14) NULL,
  `amount_currency` VARCHAR(3) NULL,
  `liability_type` VARCHAR(64) NULL,
  `entity_name` VARCHAR(128) NOT NULL,
  `time_started` DATETIME NULL,
  `time_repayed` DATETIME NULL,
  `details` LONGTEXT NULL,
  PRIMARY KEY (`liability_id`)
);

CREATE TABLE `order` (
  `order_id` INT NOT NULL AUTO_INCREMENT,
  `status` VARCHAR(32) NOT NULL,
  `order_type` VARCHAR(64) NULL,
  `unique_id` VARCHAR(64) NOT NULL,
  `exchange_order_id` VARCHAR(64) NULL,
  `actor` VARCHAR(64) NULL,
  `exchange_rate` DECIMAL(20,10) NULL,
  `time_created` DATETIME NOT NULL,
  `time_executed` DATETIME NULL,
  `exchange_name` VARCHAR(64) NULL,
  `price` DECIMAL(20,10) NULL,
  `price_currency` VARCHAR(64) NULL,
  `volume` DECIMAL(20,10) NULL,
  `volume_currency` VARCHAR(64) NULL,
  `fundamental_value` DECIMAL(20,10) NULL,
  `fundamental_value_currency` VARCHAR(3) NULL,
  `competitiveness` DECIMAL(20,10) NULL,
  `competitiveness_currency` VARCHAR(3) NULL,
  `spread` DECIMAL(20,10) NULL,
  `spread_currency` VARCHAR(3) NULL,
  PRIMARY KEY (`order_id`),
  KEY `idx_exchange_order_id_exchange_name` (`exchange_order_id`, `exchange_name`),
  KEY `idx_status` (`status`),
  KEY `time_created` (`time_created`),
  KEY `exchange_name` (`exchange_name`)
);

CREATE TABLE `result` (
  `result_id` INT NOT NULL AUTO_INCREMENT,
  `ticks` INT NOT NULL,
  `unique_id` VARCHAR(64) NOT NULL,
  `algorithm` VARCHAR(64) NOT NULL,
  `batch` VARCHAR(64) NOT NULL,
  `trading_volume` DECIMAL(20,10) NULL,
  `usd` DECIMAL(20,10) NULL,
  `btc` DECIMAL(20,10) NULL,
  `time_created` DATETIME NOT NULL,
  PRIMARY KEY (`result_id`)
);

CREATE TABLE `datum` (
  `unique_id` VARCHAR(64) NOT NULL,
  `datum_id` INT NOT NULL AUTO_INCREMENT,
  `time_created` DATETIME NOT NULL,
  `datum_type` VARCHAR(256) NOT NULL,
  `numeric_value` DECIMAL(20,10) NULL,
  `string_value` VARCHAR(256) NULL,
  `meta_data` LONGTEXT NULL,
  `order_id` INT NULL,
  PRIMARY KEY (`datum_id`),
  KEY `time_created` (`time_created`),
  FOREIGN KEY (`order_id`) REFERENCES `order` (`order_id`)
);

CREATE TABLE `result_trade` (
  `trade_id` INT NOT NULL AUTO_INCREMENT,
  `price` DECIMAL(20,10) NULL,
  `price_currency` VARCHAR(3) NULL,
  `volume` DECIMAL(20,10) NULL,
  `volume_currency` VARCHAR(3) NULL,
  `tick` INT NULL,
  `user_trade` VARCHAR(64) NULL,
  `result_id` INT NULL,
  PRIMARY KEY (`trade_id`),
  FOREIGN KEY (`result_id`) REFERENCES `result` (`result_id`)
);

CREATE TABLE `transaction` (
  `transaction_id` INT NOT NULL AUTO_INCREMENT,
  `transaction_type` VARCHAR(64) NULL,
  `transaction_status` VARCHAR(64) NULL,
  `unique_id` VARCHAR(64) NOT NULL,
  `time_created` DATETIME NOT NULL,
  `time_completed` DATETIME NULL,
  `amount` DECIMAL(24,14) NULL,
  `amount_currency` VARCHAR(3) NULL,
  `fee` DECIMAL(24,14) NULL,
  `fee_currency` VARCHAR(3) NULL,
  `transaction_details` LONGTEXT NULL,
  `exchange_id` INT NULL,
  `fee_buyback_transaction_id` INT NULL,
  PRIMARY KEY (`transaction_id`),
  FOREIGN KEY (`exchange_id`) REFERENCES `exchange` (`exchange_id`),
  FOREIGN KEY (`fee_buyback_transaction_id`) REFERENCES `transaction` (`transaction_id`)
);

CREATE TABLE `trade` (
  `trade_id` INT NOT NULL AUTO_INCREMENT,
  `trade_type` VARCHAR(64) NULL,
  `unique_id` VARCHAR(64) NOT NULL,
  `exchange_trade_id` VARCHAR(64) NULL,
  `time_created` DATETIME NOT NULL,
  `fee` DECIMAL(24,14) NULL,
  `fee_currency` VARCHAR(3) NULL,
  `price` DECIMAL(24,14) NULL,
  `price_currency` VARCHAR(3) NULL,
  `volume` DECIMAL(24,14) NULL,
  `volume_currency` VARCHAR(3) NULL,
  `meta_data` LONGTEXT NULL,
  `fee_buyback_transaction_id` INT NULL,
  `order_id` INT NULL,
  PRIMARY KEY (`trade_id`),
  KEY `time_created` (`time_created`),
  FOREIGN KEY (`fee_buyback_transaction_id`) REFERENCES `transaction` (`transaction_id`),
  FOREIGN KEY (`order_id`) REFERENCES `order` (`order_id`)
);

CREATE TABLE `alembic_version` (
  `version_num` VARCHAR(32) NOT NULL
);

INSERT INTO `alembic_version` (`version_num`) VALUES ('4ee15d6375e');

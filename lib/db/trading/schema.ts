/**
 * Drizzle mirror of Gryphon's trading database (gryphon-trading-schema.sql, alembic revision
 * 4ee15d6375e). Read-only: this project never migrates it, so indexes and foreign keys are
 * listed for fidelity only. DECIMAL columns are exact decimal strings; DATETIME columns hold
 * naive UTC and are read as UTC `Date`s. No relations(): relational queries fail on MariaDB.
 */
export * from './tables/orders';
export * from './tables/ledger';
export * from './tables/other';

/** Column shapes shared by Gryphon's tables (see ../schema.ts for the conventions). */
import { datetime, decimal, int, varchar } from 'drizzle-orm/mysql-core';

export const id = (name: string) => int(name).autoincrement().primaryKey();
export const uniqueId = () => varchar('unique_id', { length: 64 }).notNull();
/** Naive UTC in the database, a UTC `Date` here. */
export const timeCreated = () => datetime('time_created', { mode: 'date' }).notNull();
export const utcDatetime = (name: string) => datetime(name, { mode: 'date' });
/** Order/result/datum amounts are DECIMAL(20,10); ledger amounts (trade, transaction) DECIMAL(24,14). */
export const dec20 = (name: string) => decimal(name, { precision: 20, scale: 10, mode: 'string' });
export const dec24 = (name: string) => decimal(name, { precision: 24, scale: 14, mode: 'string' });
export const str = (name: string, length: number) => varchar(name, { length });

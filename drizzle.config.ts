import { defineConfig } from 'drizzle-kit';

// Only the dashboards database is ours to migrate. Migrations are generated with
// `npx drizzle-kit generate` and applied by `npm run migrate` (scripts/migrate.ts), never by
// drizzle-kit itself (it can exit 1 silently on MariaDB).
export default defineConfig({
  dialect: 'mysql',
  schema: './lib/db/dashboards/schema.ts',
  out: './drizzle',
});

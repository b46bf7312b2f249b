import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const excluded = ['**/node_modules/**', '**/.next/**', '**/.data/**', '**/.tmp/**'];

// Three projects: `npx vitest run --project unit|db|browser`.
//   unit     pure tests next to the code (*.test.ts), no services
//   db       *.db.test.ts: a throwaway MariaDB per run (tests/setup/mariadb.ts)
//   browser  tests/browser/**: headless Chromium against a production build (tests/setup/app-server.ts)
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      // The real package throws outside React Server Components.
      { find: /^server-only$/, replacement: `${root}tests/setup/empty.ts` },
    ],
  },
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{lib,app,ui,scripts}/**/*.test.{ts,tsx}'],
          exclude: [...excluded, '**/*.db.test.ts'],
          // Some pure tests generate a month of history or run property checks: 1-2 s alone,
          // past vitest's 5 s default on a loaded 2-core machine (seen in CI).
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['**/*.db.test.ts'],
          exclude: [...excluded, 'tests/browser/**'],
          globalSetup: ['tests/setup/mariadb.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          exclude: excluded,
          globalSetup: ['tests/setup/mariadb.ts', 'tests/setup/app-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

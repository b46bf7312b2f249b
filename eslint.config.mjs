import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * The shape of the code (docs/architecture.md): lib/core and lib/db at the bottom; lib/fills,
 * lib/transfers and lib/rollup shared by the features; the features (strategy, fund, ledger)
 * independent of each other; `domain/` folders pure (no I/O, no framework); lib never imports
 * the UI or builds HTTP responses.
 */
const FEATURES = ['strategy', 'fund', 'ledger', 'home', 'quality'];
const feature = (name) => [
  `**/lib/${name}`,
  `**/lib/${name}/**`,
  `../${name}`,
  `../${name}/**`,
  `../../${name}/**`,
  `../../../${name}/**`,
];
const restrict = (files, groups, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...groups.map(([names, message]) => ({ group: names.flatMap(feature), message })),
          {
            group: ['**/ui/**', '@/ui/**', '**/app/**', '@/app/**'],
            message: 'lib/ never imports the UI or routes.',
          },
          {
            group: ['next/server'],
            message: 'lib/ returns results; the route handlers in app/ build the HTTP responses.',
          },
          ...extra,
        ],
      },
    ],
  },
});
const PURE = [
  {
    group: [
      'mysql2',
      'mysql2/*',
      'drizzle-orm',
      'drizzle-orm/*',
      'server-only',
      'next',
      'next/*',
      'next-auth',
      'next-auth/*',
      'node:*',
      'fs',
      'path',
    ],
    message: 'domain/ is pure: no I/O, no framework (pass data in, return data out).',
  },
  {
    group: [
      '**/db/**',
      '@/lib/db/**',
      '**/queries',
      '**/queries/**',
      '**/core/env',
      '**/config',
      '**/config/**',
      '**/load',
      '**/request',
    ],
    message: 'domain/ is pure: no database, configuration or loading code.',
  },
];
const others = (name) => [
  FEATURES.filter((f) => f !== name),
  `features are independent: lib/${name} may not import another feature.`,
];
const allFeatures = [FEATURES, 'shared layers sit below the features and may not import them.'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', '.tmp/**', 'next-env.d.ts']),
  {
    files: ['lib/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  restrict(['lib/strategy/**/*.ts'], [others('strategy')]),
  restrict(['lib/fund/**/*.ts'], [others('fund')]),
  restrict(['lib/ledger/**/*.ts'], [others('ledger')]),
  // A quality view is a view of a strategy: it may use lib/strategy's resolution and requests.
  restrict(
    ['lib/quality/**/*.ts'],
    [
      [
        FEATURES.filter((f) => f !== 'quality' && f !== 'strategy'),
        'lib/quality may import lib/strategy, no other feature.',
      ],
    ],
  ),
  restrict(
    ['lib/home/**/*.ts'],
    [[['fund', 'ledger'], 'lib/home may list strategies, nothing else of the features.']],
  ),
  restrict(['lib/{core,db,fills,transfers,rollup,config,auth,report}/**/*.ts'], [allFeatures]),
  restrict(['lib/*/domain/**/*.ts', 'lib/fills/**/*.ts'], [allFeatures], PURE),
  // fills/ holds SQL fragments (strings) and rules; its own query tests may touch the DB.
  {
    files: ['lib/**/*.test.ts', 'lib/**/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);

import { defineConfig } from 'vitest/config';
import fs from 'node:fs';

// graphql must resolve to one module instance, else "Cannot use GraphQLObjectType from another module or realm" (stack.md).
const alias = { graphql: 'graphql/index.js' };
const withPostgres = !!process.env.DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withBrowser = fs.existsSync(chromium);

if (!withBrowser) {
  console.warn(`\n⚠ Browser tests SKIPPED: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`);
}
if (!withPostgres) {
  console.warn('\nℹ DATABASE_URL is not set: the database suite runs on the embedded PostGIS only.\n');
}

const dbProject = (name: string, backend: string) => ({
  resolve: { alias },
  test: {
    name,
    include: ['tests/**/*.db.test.ts'],
    env: { TEST_BACKEND: backend },
    globalSetup: [`tests/setup/global-${backend}.ts`],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks' as const,
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/**/*.db.test.ts', 'tests/**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      dbProject('embedded', 'embedded'),
      ...(withPostgres ? [dbProject('postgres', 'postgres')] : []),
      ...(withBrowser
        ? [
            {
              resolve: { alias },
              test: {
                name: 'e2e',
                include: ['tests/e2e/**/*.e2e.test.ts'],
                globalSetup: ['tests/setup/global-embedded.ts'],
                env: { TEST_BACKEND: 'embedded', CHROMIUM_PATH: chromium },
                testTimeout: 180_000,
                hookTimeout: 240_000,
                pool: 'forks' as const,
              },
            },
          ]
        : []),
    ],
  },
});

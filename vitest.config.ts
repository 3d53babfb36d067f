import { defineConfig } from 'vitest/config';

// One run over every workspace package. The `@pymem/source` condition makes
// `import '@pymem/x'` resolve to the package's TypeScript sources, so tests never
// depend on a stale build (see tsconfig.base.json `customConditions`).
const conditions = ['@pymem/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

// Unit and integration tests: pure code, services against PGlite (and PostgreSQL when
// TEST_DATABASE_URL is set), and the HTTP API through fastify.inject.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/api/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

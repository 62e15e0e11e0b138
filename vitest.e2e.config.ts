import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium, driven by playwright-core against a real server.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

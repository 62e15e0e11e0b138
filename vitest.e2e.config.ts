import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium, driven by playwright-core against a real server.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // What a page shows after a click may take a moment: expect.poll reads it again until it
    // matches or this time is up.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});

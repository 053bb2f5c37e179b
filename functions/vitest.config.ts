import { defineConfig } from 'vitest/config';

// The functions' tests, runnable on their own (`pnpm exec vitest run --config functions/vitest.config.ts`)
// until the root config includes functions/src. They start local servers (dynalite, fauxqs, HTTP) and
// esbuild, hence the longer timeout.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'forks',
    // Test files share one module graph per worker: every rule test imports the whole catalog,
    // and re-importing it per file made the suite ~20x slower. Tests must not rely on module state.
    isolate: false,
    testTimeout: 20_000,
    typecheck: { enabled: false },
  },
});

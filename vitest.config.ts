import { defineConfig } from 'vitest/config';

// CI (.ci/run) sets TRAILWARDEN_TEST_REPORT to a path to get a JSON report beside the usual
// output while still running the README's plain `pnpm test`.
const jsonReport = process.env.TRAILWARDEN_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'functions/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'forks',
    // Test files share one module graph per worker: every rule test imports the whole catalog,
    // and re-importing it per file made the suite ~20x slower. Tests must not rely on module state.
    isolate: false,
    // Some suites start local servers (DynamoDB Local's JVM, dynalite, fauxqs) or run esbuild.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    typecheck: { enabled: false },
    ...(jsonReport && { reporters: ['default', 'json'], outputFile: { json: jsonReport } }),
  },
});

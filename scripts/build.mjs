// Bundles the CLI with esbuild. Runs on every `pnpm install` (postinstall) so that
// `pnpm exec trailwarden` works straight after the README's install command.
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const started = performance.now();
mkdirSync('packages/cli/dist', { recursive: true });
await build({
  entryPoints: ['packages/cli/src/main.ts'],
  outfile: 'packages/cli/dist/trailwarden.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  legalComments: 'none',
  // commander and friends are CommonJS; give the ESM bundle a require().
  banner: {
    js: "import { createRequire as __twRequire } from 'node:module'; const require = __twRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
process.stderr.write(
  `built packages/cli/dist/trailwarden.mjs in ${Math.round(performance.now() - started)} ms\n`,
);

#!/usr/bin/env node
// The CLI ships as one esbuild bundle (dist/trailwarden.mjs), built by the workspace's
// postinstall (`node scripts/build.mjs`). Loading the bundle keeps start-up and scan
// throughput independent of any TypeScript loader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/trailwarden.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'trailwarden: the CLI bundle is missing; run `pnpm build` from the repository root.\n',
  );
  process.exit(2);
}
await import(bundle);

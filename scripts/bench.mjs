// `pnpm bench [--records 100000] [--runs 3] [--no-cli]`: builds the CLI bundle (what `pnpm build`
// runs), bundles the benchmark (scripts/bench/main.ts) with esbuild into .bench/ — closer to
// production than a TypeScript loader — and runs it. See scripts/bench/main.ts for the phases.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

// Phase (c) must measure the current sources: when the build fails, it is told so and says so.
const built = run(['scripts/build.mjs']) === 0;
if (!built)
  process.stderr.write('bench: `pnpm build` failed; phase (c) is marked as measuring a stale bundle\n');

mkdirSync(`${root}.bench`, { recursive: true });
await build({
  entryPoints: [`${root}scripts/bench/main.ts`],
  outfile: `${root}.bench/bench.mjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  legalComments: 'none',
  banner: {
    js: "import { createRequire as __twRequire } from 'node:module'; const require = __twRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

const flags = built ? [] : ['--stale-cli'];
process.exitCode = run([`${root}.bench/bench.mjs`, '--root', root, ...flags, ...process.argv.slice(2)]);

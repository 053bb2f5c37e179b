// Bundles each Lambda handler in functions/src into functions/dist/<name>/index.mjs for the
// `nodejs22.x` runtime and prints each bundle's size.
//
// Choices (see the report in functions/README.md):
// - ESM (`.mjs`): the handlers and middy are ESM, top-level await works, and `format: 'esm'`
//   lets esbuild tree-shake the AWS SDK's ES builds (`mainFields: module first`).
// - The AWS SDK v3 is bundled, not left to the runtime's copy: the version we test is the
//   version that runs, and a bundled, minified, tree-shaken client loads faster than the
//   runtime's full SDK from disk.
// - A `require` is provided for the CommonJS dependencies that load Node built-ins.
// - The workspace packages declare `"sideEffects": false` (explicit registries, no registration
//   on import), so esbuild drops what a barrel re-exports but a function never uses (e.g. the
//   rule catalog behind `@trailwarden/core`: ~210 KiB in slack-notifier).
//
// Usage: node scripts/build-functions.mjs [--outdir DIR] [--only NAME] [--analyze]
import { readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { analyzeMetafile, build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each function's name (its dist folder) and entry module. */
export const FUNCTIONS = {
  'slack-notifier': 'functions/src/slack-notifier.ts',
  'alerts-retry': 'functions/src/alerts-retry.ts',
};

const REQUIRE_SHIM =
  "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);";

/**
 * Builds the bundles and returns, per function, the output file and its size.
 *
 * @example
 * const built = await buildFunctions({ outdir: '/tmp/dist' });
 * built[0]; // { name: 'slack-notifier', file: '/tmp/dist/slack-notifier/index.mjs', bytes: 812345, gzipBytes: 190123, ... }
 */
export async function buildFunctions({ outdir = join(ROOT, 'functions/dist'), only, analyze = false } = {}) {
  const names = only ? [only] : Object.keys(FUNCTIONS);
  const results = [];
  for (const name of names) {
    const entry = FUNCTIONS[name];
    if (!entry) throw new Error(`unknown function '${name}' (known: ${Object.keys(FUNCTIONS).join(', ')})`);
    const dir = resolve(outdir, name);
    rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    const file = join(dir, 'index.mjs');
    const { metafile } = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      minify: true,
      treeShaking: true,
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'linked',
      banner: { js: REQUIRE_SHIM },
      metafile: true,
      logLevel: 'warning',
    });
    const code = readFileSync(file);
    results.push({
      name,
      file,
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      ms: Math.round(performance.now() - started),
      ...(analyze && { analysis: await analyzeMetafile(metafile, { verbose: false }) }),
    });
  }
  return results;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const { values } = parseArgs({
    options: {
      outdir: { type: 'string' },
      only: { type: 'string' },
      analyze: { type: 'boolean', default: false },
    },
  });
  const built = await buildFunctions({
    ...(values.outdir && { outdir: resolve(values.outdir) }),
    ...(values.only && { only: values.only }),
    analyze: values.analyze,
  });
  for (const bundle of built) {
    process.stdout.write(
      `${bundle.name.padEnd(16)} ${kib(bundle.bytes).padStart(10)}  (gzip ${kib(bundle.gzipBytes)})  ${relative(process.cwd(), bundle.file)}  ${bundle.ms} ms\n`,
    );
    if (bundle.analysis) process.stdout.write(`${bundle.analysis}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`build-functions: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

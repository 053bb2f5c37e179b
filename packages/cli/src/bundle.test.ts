import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
// Beside the real bundle, so that run-time requires (dynalite, kept out of the bundle) resolve alike.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const inputs = fileURLToPath(new URL('./input/fixtures/', import.meta.url));
const settings = fileURLToPath(new URL('./commands/fixtures/settings.json', import.meta.url));

describe('the bundled command', () => {
  const temp = mkdtempSync(join(tmpdir(), 'trailwarden-bundle-'));
  const outfile = join(dist, `bundle-test-${process.pid}.mjs`);

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
    rmSync(outfile, { force: true });
  });

  it('scans standard input as a separate process into the embedded store, and exits', async () => {
    // Prepare: bundle as scripts/build.mjs does (ESM for node20, a require() for CommonJS deps).
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __twRequire } from 'node:module'; const require = __twRequire(import.meta.url);",
      },
    });
    const scan = () =>
      spawnSync(process.execPath, [outfile, 'scan', '--settings', settings, '--no-progress'], {
        input: readFileSync(join(inputs, 'cloudtrail-log.json')),
        encoding: 'utf8',
        // A store left open would keep the process alive until this kills it.
        timeout: 15_000,
        env: { ...process.env, TRAILWARDEN_DATA_DIR: join(temp, 'data') },
      });
    // Act
    const run = scan();
    const again = scan();
    // Assess
    expect(run.stderr).toContain('scanned 1 file, 3 records');
    expect(run.stderr).toContain(`recorded in embedded store in ${join(temp, 'data')}: 2 new`);
    expect(run.status).toBe(1);
    expect(again.stderr).toContain(': 0 new, 0 repeats (inside a dedupe window), 2 already recorded');
    expect(again.status).toBe(1);
    expect(again.stdout).toBe(run.stdout);
    const findings = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { ruleId: string; severity: string; source: unknown });
    expect(findings.map((f) => [f.ruleId, f.severity, f.source])).toEqual([
      ['root-console-login', 'medium', { file: '<stdin>', index: 0 }],
      ['s3-bucket-policy-public', 'critical', { file: '<stdin>', index: 2 }],
    ]);
  });
});

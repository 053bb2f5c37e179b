import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureChild } from './child.js';
import { cliSummary } from './cli-phase.js';

/**
 * The store half of `pnpm bench` (issue 3):
 * (d) findings recorded per second into Amazon's DynamoDB Local at concurrency 1, 8 and 32
 *     (and two mixes with repeats), by packages/adapters/src/store/bench-local.ts run with tsx
 *     from the adapters package, where its dependencies resolve;
 * (e) the committed sample archive through the whole local pipeline as `pnpm start` runs it:
 *     embedded store (dynalite) and console alerts, in a fresh data directory.
 */

const STORE_BENCH = 'packages/adapters/src/store/bench-local.ts';
const SAMPLE = 'packages/cli/sample';

/** Lines to print under the main report. Failures are reported as lines, never thrown. */
export async function storeSection(
  root: string,
  findings: number,
  log: (line: string) => void,
): Promise<string> {
  const lines = ['', 'store and local pipeline (issue 3)'];
  log('running (d) DynamoDB Local record throughput …');
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const store = await measureChild(process.execPath, [tsx, STORE_BENCH, 'dynamodb-local', String(findings)], {
    cwd: root,
    discardStdout: false,
  });
  if (store.exitCode === 0) {
    for (const line of store.stdout.trim().split('\n')) lines.push(`  (d) ${line}`);
  } else {
    lines.push(
      `  (d) failed (exit ${store.exitCode}): ${store.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }

  log('running (e) sample archive through the whole local pipeline …');
  const work = mkdtempSync(join(tmpdir(), 'tw-bench-pipeline-'));
  try {
    const bundle = join(root, 'packages/cli/dist/trailwarden.mjs');
    const args = [bundle, 'scan', join(root, SAMPLE), '--format', 'jsonl', '--no-progress', '--no-settings'];
    const scan = await measureChild(
      process.execPath,
      [...args, '--data-dir', join(work, 'data'), '--fail-on', 'none'],
      {
        cwd: work,
        discardStdout: true,
      },
    );
    const rss =
      scan.peakRssBytes === undefined ? '' : `, peak RSS ${Math.round(scan.peakRssBytes / 1024 / 1024)} MB`;
    lines.push(
      scan.exitCode === 0
        ? `  (e) sample, embedded store + console alerts: ${(scan.wallMs / 1000).toFixed(2)} s wall${rss}; ${cliSummary(scan.stderr)}`
        : `  (e) failed (exit ${scan.exitCode}): ${scan.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return `${lines.join('\n')}\n`;
}

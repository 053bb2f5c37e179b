import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureChild } from './child.js';
import type { PhaseRow } from './report.js';

/**
 * Phase (c): the built CLI bundle scanning the archive with stdout to /dev/null, as a user
 * runs it, and (c') the scan alone (in-memory store, no console alerts) when the CLI has the
 * flags for it. Each run gets a fresh working and data directory, so no settings file is
 * picked up and no run sees findings an earlier run recorded.
 */

export interface CliVariant {
  readonly id: string;
  readonly label: string;
  /** Arguments after `scan <dir>`; `{dataDir}` is replaced by the run's data directory. */
  readonly args: readonly string[];
}

/**
 * The variants to run, from the flags `trailwarden scan --help` lists.
 *
 * @example
 * cliVariants('--store <kind> … --no-console-alerts …').map((v) => v.id); // ['c', "c'"]
 */
export function cliVariants(help: string): CliVariant[] {
  const has = (flag: string) => new RegExp(`(^|\\s)${flag}(\\s|$|,)`, 'm').test(help);
  const base = ['--format', 'jsonl', '--no-progress', ...(has('--no-settings') ? ['--no-settings'] : [])];
  const variants: CliVariant[] = [
    {
      id: 'c',
      label: 'trailwarden scan --format jsonl',
      args: [...base, ...(has('--data-dir') ? ['--data-dir', '{dataDir}'] : [])],
    },
  ];
  if (has('--store')) {
    variants.push({
      id: "c'",
      label: 'the same, --store memory, no alerts',
      args: [...base, '--store', 'memory', ...(has('--no-console-alerts') ? ['--no-console-alerts'] : [])],
    });
  }
  return variants;
}

/** The CLI's own summary line (`scanned N files, … records/s …`), if it printed one. */
export function cliSummary(stderr: string): string {
  return stderr.split('\n').find((line) => line.startsWith('scanned ')) ?? '(no summary line)';
}

async function measureVariant(
  bundle: string,
  dir: string,
  variant: CliVariant,
  records: number,
  runs: number,
): Promise<PhaseRow> {
  let best: PhaseRow | undefined;
  for (let run = 0; run < runs; run++) {
    const work = mkdtempSync(join(tmpdir(), 'trailwarden-bench-cli-'));
    try {
      const args = variant.args.map((arg) => arg.replace('{dataDir}', join(work, 'data')));
      const child = await measureChild(process.execPath, [bundle, 'scan', dir, ...args], {
        discardStdout: true,
        cwd: work,
      });
      // Exit code 1 means "findings": expected here.
      if (child.exitCode > 1) {
        const why = child.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
        return {
          id: variant.id,
          label: variant.label,
          records: 0,
          wallMs: 0,
          note: `failed (exit ${child.exitCode}): ${why}`,
        };
      }
      const row: PhaseRow = {
        id: variant.id,
        label: variant.label,
        records,
        wallMs: child.wallMs,
        ...(child.cpuMs !== undefined && { cpuMs: child.cpuMs }),
        ...(child.peakRssBytes !== undefined && { peakRssBytes: child.peakRssBytes }),
        note: `${variant.args.join(' ').replace('{dataDir}', '<fresh dir>')}; peak RSS from ${child.rssSource}; the CLI says: ${cliSummary(child.stderr)}`,
      };
      if (!best || row.wallMs < best.wallMs) best = row;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return best as PhaseRow;
}

/** Rows (c) and, when available, (c'); a missing bundle is one row that says so. */
export async function cliRows(
  root: string,
  dir: string,
  records: number,
  runs: number,
  log: (line: string) => void,
): Promise<PhaseRow[]> {
  const bundle = join(root, 'packages/cli/dist/trailwarden.mjs');
  if (!existsSync(bundle)) {
    return [
      {
        id: 'c',
        label: 'trailwarden scan --format jsonl',
        records: 0,
        wallMs: 0,
        note: `${bundle} is missing: run pnpm build`,
      },
    ];
  }
  const help = spawnSync(process.execPath, [bundle, 'scan', '--help'], { encoding: 'utf8' }).stdout ?? '';
  const rows: PhaseRow[] = [];
  for (const variant of cliVariants(help)) {
    log(`running ${variant.id} …`);
    rows.push(await measureVariant(bundle, dir, variant, records, runs));
  }
  return rows;
}

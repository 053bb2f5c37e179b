/**
 * Regenerates the sample CloudTrail archive in packages/cli/sample (`pnpm sample`): benign
 * traffic plus every positive rule fixture, seeded and byte-for-byte reproducible. Then scans
 * the result in process and reports what the catalog finds, so a fixture that no longer fires
 * in the sample is noticed here rather than by a reader of the README.
 *
 *   pnpm sample [--seed <seed>] [--out <dir>]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../packages/core/src/index.js';
import {
  buildSample,
  DEFAULT_PERIOD,
  DEFAULT_SEED,
  type SampleArchive,
  writeArchive,
} from './sample/archive.js';
import { sampleReadme } from './sample/readme.js';
import { type ArchiveFile, type ScanResult, scanArchive } from './sample/scan.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_DIR = join(ROOT, 'packages/cli/sample');

/**
 * Builds the sample with `seed` and writes it (log files and README) into `outDir`.
 *
 * @example
 * const archive = generateSample(DEFAULT_SEED, mkdtempSync(join(tmpdir(), 'sample-')));
 */
export function generateSample(seed: string, outDir: string, rootDir = ROOT): SampleArchive {
  const archive = buildSample({ seed, rootDir });
  writeArchive(archive, outDir);
  writeFileSync(join(outDir, 'README.md'), sampleReadme(archive, seed, DEFAULT_PERIOD));
  return archive;
}

/** What the catalog makes of the archive, and which injected fixtures did not fire. */
export function checkSample(archive: SampleArchive): {
  scan: ScanResult;
  silent: string[];
  missing: string[];
} {
  const files: ArchiveFile[] = archive.files.map((f) => ({
    key: f.key,
    items: f.records.map((r) => r.record),
  }));
  const scan = scanArchive(files);
  const fired = new Set(scan.findings.map((f) => `${f.ruleId}|${f.eventId}`));
  const silent = archive.placements
    .filter((p) => !fired.has(`${p.ruleId}|${p.judgedEventId}`))
    .map((p) => `${p.ruleId}/fixtures/${p.name} (${p.account} ${p.region})`);
  const present = new Set(scan.findings.map((f) => f.category));
  const missing = CATEGORIES.filter((c) => c !== 'noncompliant_resource' && !present.has(c));
  return { scan, silent, missing };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: DEFAULT_SEED },
      out: { type: 'string', default: SAMPLE_DIR },
    },
  });
  const started = performance.now();
  const outDir = resolve(values.out);
  const archive = generateSample(values.seed, outDir);
  const { scan, silent, missing } = checkSample(archive);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `wrote ${archive.files.length} files, ${scan.records} records (${archive.benign} benign, ${archive.injected} from ${archive.placements.length} fixtures) to ${outDir} in ${Math.round(performance.now() - started)} ms`,
  );
  const share = ((100 * scan.findings.length) / Math.max(1, scan.records)).toFixed(1);
  log(
    `scan: ${scan.findings.length} findings (${share}% of records), ${scan.parseErrors.length} parse errors, ${scan.ruleErrors.length} rule errors`,
  );
  for (const s of archive.skipped) log(`  skipped ${s.ruleId}/fixtures/${s.name}: ${s.reason}`);
  for (const s of silent) log(`  injected but silent in the sample: ${s}`);
  for (const p of [...scan.parseErrors, ...scan.ruleErrors].slice(0, 10))
    log(`  ${p.file}:${p.index}: ${p.reason}`);
  if (missing.length > 0) log(`  categories without a finding: ${missing.join(', ')}`);
  if (scan.parseErrors.length > 0 || scan.ruleErrors.length > 0 || missing.length > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

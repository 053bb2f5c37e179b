import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CATALOG } from '../../packages/core/src/index.js';
import { loadFixtureSequences, type SkippedFixture } from './fixtures.js';
import { reproducibleGzip } from './gzip.js';
import { type Placement, placeFixtures } from './inject.js';
import { Names } from './names.js';
import { ALNUM, Random } from './random.js';
import type { SampleRecord } from './records.js';
import { compareKeys } from './scan.js';
import { logFileKey } from './time.js';
import { generateTraffic, type Period } from './traffic.js';
import { createWorld } from './world.js';

/** The seed of the committed sample (`pnpm sample`). */
export const DEFAULT_SEED = 'trailwarden-sample-v1';
/** Two days of activity. */
export const DEFAULT_PERIOD: Period = { startMs: Date.UTC(2024, 4, 14), endMs: Date.UTC(2024, 4, 16) };
/** Benign records before the fixtures are added. */
export const DEFAULT_BENIGN_RECORDS = 3600;
/** Each account and region gets at most one log file per window (CloudTrail delivers about every 5 minutes; a quiet sample needs fewer files). */
export const DEFAULT_WINDOW_MINUTES = 60;

export interface SampleOptions {
  readonly seed?: string;
  /** Repository root: fixtures are read from `<root>/packages/core/src/rules`. */
  readonly rootDir: string;
  readonly period?: Period;
  readonly benignRecords?: number;
  readonly windowMinutes?: number;
}

export interface SampleFile {
  /** `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<name>.json.gz`. */
  readonly key: string;
  readonly records: readonly SampleRecord[];
}

export interface SampleArchive {
  readonly files: readonly SampleFile[];
  readonly benign: number;
  readonly injected: number;
  readonly placements: readonly Placement[];
  readonly skipped: readonly SkippedFixture[];
}

/**
 * Builds the sample archive in memory: benign traffic plus every positive rule fixture,
 * grouped into CloudTrail log files by account, region and delivery window. The same options
 * always give the same archive.
 *
 * @example
 * const archive = buildSample({ rootDir: process.cwd() });
 * writeArchive(archive, 'packages/cli/sample');
 */
export function buildSample(options: SampleOptions): SampleArchive {
  const seed = options.seed ?? DEFAULT_SEED;
  const period = options.period ?? DEFAULT_PERIOD;
  const rng = new Random(seed);
  const world = createWorld(seed);
  const names = new Names(seed);
  const benign = generateTraffic(
    world,
    names,
    rng.fork('traffic'),
    period,
    options.benignRecords ?? DEFAULT_BENIGN_RECORDS,
  );
  const loaded = loadFixtureSequences(join(options.rootDir, 'packages/core/src/rules'), CATALOG);
  const injection = placeFixtures(loaded.sequences, rng.fork('fixtures'), period);
  const files = groupIntoFiles(
    [...benign, ...injection.records],
    (options.windowMinutes ?? DEFAULT_WINDOW_MINUTES) * 60_000,
    rng.fork('files'),
  );
  return {
    files,
    benign: benign.length,
    injected: injection.records.length,
    placements: injection.placements,
    skipped: [...loaded.skipped, ...injection.unplaced],
  };
}

/**
 * Groups records into log files: one per account, region and window, named by the window's
 * end plus a delivery delay, records in time order (ties keep their order, so a fixture's
 * records stay in sequence).
 */
export function groupIntoFiles(
  records: readonly SampleRecord[],
  windowMs: number,
  rng: Random,
): SampleFile[] {
  const groups = new Map<
    string,
    { account: string; region: string; window: number; records: SampleRecord[] }
  >();
  for (const record of records) {
    const window = Math.floor(record.timeMs / windowMs);
    const id = `${record.account}/${record.region}/${String(window).padStart(12, '0')}`;
    let group = groups.get(id);
    if (!group) {
      group = { account: record.account, region: record.region, window, records: [] };
      groups.set(id, group);
    }
    group.records.push(record);
  }
  return [...groups.keys()].sort().map((id) => {
    const group = groups.get(id) as {
      account: string;
      region: string;
      window: number;
      records: SampleRecord[];
    };
    // Delivered a few minutes after the window closes, always before the next one closes.
    const delivered = (group.window + 1) * windowMs + rng.int(1, 4) * 60_000;
    const key = logFileKey(group.account, group.region, delivered, rng.chars(16, ALNUM));
    const sorted = group.records
      .map((r, i) => [r, i] as const)
      .sort((a, b) => a[0].timeMs - b[0].timeMs || a[1] - b[1]);
    return { key, records: sorted.map(([r]) => r) };
  });
}

/** A log file's bytes: `{"Records":[…]}` as CloudTrail writes it (one line), gzipped reproducibly. */
export function serializeFile(file: SampleFile): Buffer {
  return reproducibleGzip(JSON.stringify({ Records: file.records.map((r) => r.record) }));
}

/**
 * Writes the archive under `outDir`, replacing `outDir/AWSLogs` entirely (files from an
 * earlier generation must not linger). Returns the keys written, in reading order.
 */
export function writeArchive(archive: SampleArchive, outDir: string): string[] {
  rmSync(join(outDir, 'AWSLogs'), { recursive: true, force: true });
  const keys = archive.files.map((f) => f.key).sort(compareKeys);
  for (const file of archive.files) {
    const path = join(outDir, file.key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, serializeFile(file));
  }
  return keys;
}

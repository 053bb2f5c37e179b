import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readInputBatches } from '../../packages/cli/src/input/index.js';
import { CATALOG, DetectionEngine, MemoryState, normalizeInput } from '../../packages/core/src/index.js';
import { compareKeys } from '../sample/scan.js';

/**
 * The measured phases. Each runs in a fresh process (see main.ts) so that one phase's heap and
 * JIT state do not colour the next, and reports its own wall time, CPU time and peak RSS.
 */

export interface PhaseResult {
  readonly records: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly findings?: number;
  readonly errors?: number;
  /** For the in-process phase: time spent in normalize + detect alone. */
  readonly detectMs?: number;
}

export const PHASES = ['baseline', 'cli-reader', 'in-process'] as const;
export type PhaseName = (typeof PHASES)[number];

/** The archive's `.json.gz` files in the order the CLI reads them. */
export function archiveFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string, key: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const childKey = key === '' ? entry.name : `${key}/${entry.name}`;
      if (entry.isDirectory()) walk(join(path, entry.name), childKey);
      else if (entry.name.endsWith('.json.gz')) files.push(childKey);
    }
  };
  walk(dir, '');
  return files.sort(compareKeys).map((key) => join(dir, key));
}

/** The naive reader: read, gunzip and parse each file whole. */
function readRecords(file: string): unknown[] {
  const document = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records?: unknown[] };
  return document.Records ?? [];
}

function measure(
  run: () => Promise<Omit<PhaseResult, 'wallMs' | 'cpuMs' | 'peakRssBytes'>>,
): Promise<PhaseResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return run().then((result) => {
    const used = process.cpuUsage(cpu);
    return {
      ...result,
      wallMs: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      // maxRSS is in kilobytes.
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  });
}

/** (a) read + gunzip + JSON.parse every file, count the records. */
export function baseline(dir: string): Promise<PhaseResult> {
  return measure(async () => {
    let records = 0;
    for (const file of archiveFiles(dir)) records += readRecords(file).length;
    return { records };
  });
}

/** (a') the CLI's own reader (`readInputBatches`), which parses each record on its own. */
export function cliReader(dir: string): Promise<PhaseResult> {
  return measure(async () => {
    let records = 0;
    let errors = 0;
    for await (const batch of readInputBatches([dir], { batchSize: 512 })) {
      records += batch.length;
      for (const item of batch) if (item.error) errors++;
    }
    return { records, errors };
  });
}

/** (b) the naive reader, then normalize + detect every record with the whole catalog. */
export function inProcess(dir: string): Promise<PhaseResult> {
  return measure(async () => {
    const engine = new DetectionEngine(CATALOG);
    const state = new MemoryState();
    let records = 0;
    let findings = 0;
    let errors = 0;
    let detectMs = 0;
    for (const file of archiveFiles(dir)) {
      const items = readRecords(file);
      const started = performance.now();
      for (let index = 0; index < items.length; index++) {
        const event = normalizeInput(items[index]);
        if (!event.ok) {
          errors++;
          continue;
        }
        const result = engine.detect(event.value, state, { file, index });
        findings += result.findings.length;
        errors += result.errors.length;
      }
      detectMs += performance.now() - started;
      records += items.length;
    }
    return { records, findings, errors, detectMs };
  });
}

export function runPhase(name: PhaseName, dir: string): Promise<PhaseResult> {
  switch (name) {
    case 'baseline':
      return baseline(dir);
    case 'cli-reader':
      return cliReader(dir);
    case 'in-process':
      return inProcess(dir);
  }
}

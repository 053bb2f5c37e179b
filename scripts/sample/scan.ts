import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  CATALOG,
  DetectionEngine,
  type Finding,
  MemoryState,
  normalizeInput,
  splitDocument,
} from '../../packages/core/src/index.js';

/**
 * Scans an archive in process the way `trailwarden scan <dir>` does: files in path order
 * (each path segment compared by bytes, as the CLI walks directories), records in file
 * order, one detection engine and one state for the whole run, default settings.
 */

export interface ArchiveFile {
  /** Path relative to the archive root, `/`-separated. */
  readonly key: string;
  readonly items: readonly unknown[];
}

export interface ScanProblem {
  readonly file: string;
  readonly index: number;
  readonly reason: string;
}

export interface ScanResult {
  readonly files: number;
  readonly records: number;
  readonly parseErrors: readonly ScanProblem[];
  readonly ruleErrors: readonly ScanProblem[];
  readonly findings: readonly Finding[];
}

/** Orders paths as a sorted recursive directory walk meets them. */
export function compareKeys(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Runs the whole catalog over the files.
 *
 * @example
 * const { findings, parseErrors } = scanArchive(readArchive('packages/cli/sample'));
 */
export function scanArchive(files: readonly ArchiveFile[]): ScanResult {
  const engine = new DetectionEngine(CATALOG);
  const state = new MemoryState();
  const parseErrors: ScanProblem[] = [];
  const ruleErrors: ScanProblem[] = [];
  const findings: Finding[] = [];
  let records = 0;
  for (const file of [...files].sort((a, b) => compareKeys(a.key, b.key))) {
    file.items.forEach((item, index) => {
      records++;
      const event = normalizeInput(item);
      if (!event.ok) {
        parseErrors.push({ file: file.key, index, reason: event.error.message });
        return;
      }
      const result = engine.detect(event.value, state, { file: file.key, index });
      for (const error of result.errors) {
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        ruleErrors.push({ file: file.key, index, reason: `${error.message}: ${cause}` });
      }
      findings.push(...result.findings);
    });
  }
  return { files: files.length, records, parseErrors, ruleErrors, findings };
}

/** Every `.json.gz` file under `root` (recursively), gunzipped and split into its records. */
export function readArchive(root: string): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json.gz')) {
        const document: unknown = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
        const key = relative(root, path).split('\\').join('/');
        files.push({ key, items: splitDocument(document) ?? [document] });
      }
    }
  };
  walk(root);
  return files;
}

import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CATALOG,
  type Category,
  DEFAULT_DETECTION_SETTINGS,
  DetectionEngine,
  MemoryState,
  normalizeInput,
  type Rule,
  type Severity,
  severityRank,
} from '@trailwarden/core';
import { InputError, UsageError } from '../errors.js';
import { readInputBatches } from '../input/read-inputs.js';
import { measureInputs } from '../input/walk.js';
import { type CliIo, colorsEnabled } from '../io.js';
import { BufferedWriter } from '../output/buffered-writer.js';
import { createFindingWriter, type OutputFormat } from '../output/finding-writer.js';
import { createProgress, NO_PROGRESS } from './progress.js';
import { ScanStats } from './scan-stats.js';
import { loadSettingsFile } from './settings-file.js';
import { formatSummary } from './summary.js';

/** A scan as the command line asked for it, flags already checked. */
export interface ScanRequest {
  /** Files, directories, `-`; empty means standard input (when it is not a terminal). */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly minSeverity: Severity;
  /** Only these rules (empty: all). */
  readonly ruleIds: readonly string[];
  /** Only rules of these categories (empty: all). */
  readonly categories: readonly Category[];
  readonly settingsFile?: string;
  /** Findings at or above this severity make the exit code 1; `none` never does. */
  readonly failOn: Severity | 'none';
  readonly progress: boolean;
}

/** Exit codes of `trailwarden scan`. */
export const SCAN_EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/**
 * Runs the catalog over CloudTrail inputs, streaming: records are read, normalized and judged
 * one at a time, with state (policy versions, trail buckets, counters) learned from the
 * records before; findings are written as they are found. Returns the exit code: 2 when an
 * input could not be read, else 1 when a reported finding is at or above `failOn`, else 0.
 * Throws `UsageError`/`InputError` (exit code 2) before reading anything when a path or the
 * settings file is unusable.
 *
 * @example
 * const code = await runScan({ paths: ['AWSLogs/'], format: 'jsonl', minSeverity: 'info', ruleIds: [],
 *   categories: [], failOn: 'low', progress: false }, io);
 */
export async function runScan(request: ScanRequest, io: CliIo): Promise<number> {
  const startedMs = performance.now();
  const paths = inputPaths(request.paths, io);
  await assertReadable(paths, io.cwd);
  const settings = request.settingsFile
    ? await loadSettingsFile(request.settingsFile, io.cwd)
    : DEFAULT_DETECTION_SETTINGS;
  const engine = new DetectionEngine(selectRules(CATALOG, request.ruleIds, request.categories), { settings });
  const state = new MemoryState();
  const normalizeOptions = { deployRoles: settings.deployRoles };
  const minRank = severityRank(request.minSeverity);
  const failRank = request.failOn === 'none' ? Number.POSITIVE_INFINITY : severityRank(request.failOn);
  const stats = new ScanStats(startedMs);
  const writer = createFindingWriter(request.format, new BufferedWriter(io.stdout), {
    width: io.columns ?? (Number(io.env.COLUMNS) || 160),
    color: colorsEnabled(io),
  });
  const showProgress = request.progress && io.isTTY.stderr;
  const totals = showProgress && !paths.includes('-') ? await measureInputs(paths, io.cwd) : undefined;
  const progress = showProgress ? createProgress(io, totals, startedMs) : NO_PROGRESS;
  let failing = false;
  try {
    const batches = readInputBatches(paths, {
      cwd: io.cwd,
      stdin: io.stdin,
      onFile: (read) => {
        stats.files++;
        stats.bytes += read.bytes;
      },
    });
    for await (const batch of batches) {
      for (const input of batch) {
        if (input.error !== undefined) {
          const problem = { file: input.file, index: input.index, reason: input.error.message };
          if (input.unreadable) {
            stats.unreadableFile(problem);
          } else {
            stats.records++;
            stats.parseError(problem);
          }
          continue;
        }
        stats.records++;
        const normalized = normalizeInput(input.item, normalizeOptions);
        if (!normalized.ok) {
          stats.parseError({ file: input.file, index: input.index, reason: normalized.error.message });
          continue;
        }
        const result = engine.detect(normalized.value, state, { file: input.file, index: input.index });
        for (const error of result.errors) {
          stats.ruleError({
            file: input.file,
            index: input.index,
            reason: `${error.message}: ${causeOf(error)}`,
          });
        }
        for (const finding of result.findings) {
          const rank = severityRank(finding.severity);
          if (rank < minRank) continue;
          if (rank >= failRank) failing = true;
          stats.finding(finding);
          writer.write(finding);
        }
      }
      progress.update(stats.records, stats.files, stats.bytes);
      await writer.flushIfFull();
    }
  } finally {
    progress.stop();
  }
  await writer.end();
  io.stderr.write(
    formatSummary(stats, {
      elapsedMs: performance.now() - startedMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
  if (stats.unreadable > 0) return SCAN_EXIT.usage;
  return failing ? SCAN_EXIT.findings : SCAN_EXIT.clean;
}

/**
 * The catalog narrowed by `--rule` and `--category` (a rule must pass both when both are given).
 *
 * @example
 * selectRules(CATALOG, [], ['s3_public_exposure']).map((r) => r.id); // ['s3-bucket-policy-public', …]
 */
export function selectRules(
  catalog: readonly Rule[],
  ruleIds: readonly string[],
  categories: readonly Category[],
): readonly Rule[] {
  const ids = new Set(ruleIds);
  const wanted = new Set(categories);
  const selected = catalog.filter(
    (rule) => (ids.size === 0 || ids.has(rule.id)) && (wanted.size === 0 || wanted.has(rule.category)),
  );
  if (selected.length === 0) {
    throw new UsageError(
      `no rule is both among --rule ${[...ids].join(', ')} and in --category ${[...wanted].join(', ')}`,
      'run `trailwarden rules list` to see each rule with its category',
    );
  }
  return selected;
}

function inputPaths(paths: readonly string[], io: CliIo): readonly string[] {
  if (paths.length > 0) return paths;
  if (io.isTTY.stdin) {
    throw new UsageError(
      'nothing to scan: give files or directories, or pipe records on standard input',
      'example: trailwarden scan AWSLogs/   (see trailwarden scan --help)',
    );
  }
  return ['-'];
}

async function assertReadable(paths: readonly string[], cwd: string): Promise<void> {
  for (const path of paths) {
    if (path === '-') continue;
    try {
      await access(resolve(cwd, path), constants.R_OK);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT'
          ? 'no such file or directory'
          : code === 'EACCES'
            ? 'permission denied'
            : cause instanceof Error
              ? cause.message
              : String(cause);
      throw new InputError(`cannot read ${path}: ${reason}`, undefined, { cause });
    }
  }
}

function causeOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : String(cause);
}

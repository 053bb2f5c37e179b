import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CATALOG, type Category, MemoryState, type Rule, type Severity } from '@trailwarden/core';
import { createPipeline, type Logger } from '@trailwarden/core/pipeline';
import { type AlertFlags, openAlertChannels } from '../alerts/alert-channels.js';
import { InputError, UsageError } from '../errors.js';
import { readInputBatches } from '../input/read-inputs.js';
import { measureInputs } from '../input/walk.js';
import { type CliIo, colorsEnabled } from '../io.js';
import { BufferedWriter } from '../output/buffered-writer.js';
import { createFindingWriter, type OutputFormat } from '../output/finding-writer.js';
import { openStore } from '../store/open-store.js';
import { resolveStoreConfig, type StoreFlags } from '../store/store-config.js';
import { aboveProgress, createProgress, NO_PROGRESS } from './progress.js';
import { type ScanEntry, ScanResults } from './scan-results.js';
import { ScanStats } from './scan-stats.js';
import { loadSettings } from './settings-file.js';
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
  /** `--settings FILE`; `false` for `--no-settings`; absent: `trailwarden.config.*` in the working directory. */
  readonly settingsFile?: string | false;
  /** Findings at or above this severity make the exit code 1; `none` never does. */
  readonly failOn: Severity | 'none';
  readonly progress: boolean;
  /** `--store`, `--data-dir`, `--table`, `--endpoint` (default: the embedded store). */
  readonly store?: StoreFlags;
  /** `--sns-topic`, `--slack-webhook`, `--no-console-alerts` (default: console alerts only). */
  readonly alerts?: AlertFlags;
}

/** Exit codes of `trailwarden scan`. */
export const SCAN_EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/**
 * Records whose results may still be pending while later records are detected. Records without
 * findings settle at once; this bounds the findings in the store/alert path (and the memory
 * their events hold) while letting many of them overlap: a CloudTrail file holds a few dozen
 * records, so a bound in batches (one per file) would leave the store waiting on one finding
 * at a time.
 */
const RECORDS_IN_FLIGHT = 2048;

/**
 * Runs the pipeline over CloudTrail inputs, streaming: records are read and judged one at a
 * time by the detection engine over in-memory state (policy versions, trail buckets, counters
 * learned from the records before), synchronously and in input order; only the findings take
 * the asynchronous path — settings (deploy-pipeline lowering, suppressions), recording in the
 * store (idempotent, deduplicated), alerting new findings — several batches at a time, so the
 * scan never waits on the store per record. Findings are written in input order.
 *
 * Returns the exit code: 2 when an input could not be read or a finding could not be
 * recorded, else 1 when a reported finding is at or above `failOn`, else 0. Throws
 * `UsageError`/`InputError`/`StoreError` (exit code 2) before reading anything when a path,
 * the settings, an alert channel or the store is unusable, so nothing is half-written.
 *
 * @example
 * const code = await runScan({ paths: ['AWSLogs/'], format: 'jsonl', minSeverity: 'info', ruleIds: [],
 *   categories: [], failOn: 'low', progress: false }, io);
 */
export async function runScan(request: ScanRequest, io: CliIo): Promise<number> {
  const startedMs = performance.now();
  const paths = inputPaths(request.paths, io);
  await assertReadable(paths, io.cwd);
  const { settings, file: settingsFile } = await loadSettings(request.settingsFile, io.cwd);
  const rules = selectRules(CATALOG, request.ruleIds, request.categories);
  const storeConfig = resolveStoreConfig(request.store ?? {}, io.env, io.cwd);
  const showProgress = request.progress && io.isTTY.stderr;
  let barShown = false;
  // Alerts and warnings share stderr with the progress bar.
  const notices = aboveProgress(io.stderr, () => barShown);
  const channels = openAlertChannels(request.alerts ?? { consoleAlerts: true }, settings, io, {
    consoleMinSeverity: request.minSeverity,
    consoleStream: notices,
  });
  try {
    const opened = await openStore(storeConfig);
    try {
      const pipeline = createPipeline({
        settings,
        store: opened.store,
        state: new MemoryState(),
        rules,
        alerts: channels.routes,
        logger: scanLogger(notices),
      });
      const stats = new ScanStats(startedMs);
      const writer = createFindingWriter(request.format, new BufferedWriter(io.stdout), {
        // A terminal that reports no size (0 columns, e.g. under `script`) falls back like a pipe.
        width: io.columns || Number(io.env.COLUMNS) || 160,
        color: colorsEnabled(io),
      });
      const results = new ScanResults(stats, writer, request);
      const totals = showProgress && !paths.includes('-') ? await measureInputs(paths, io.cwd) : undefined;
      const progress = showProgress ? createProgress(io, totals, startedMs) : NO_PROGRESS;
      barShown = showProgress;
      const inFlight: Promise<ScanEntry[]>[] = [];
      let pendingRecords = 0;
      const settle = async () => {
        const oldest = inFlight.shift();
        if (!oldest) return;
        const entries = await oldest;
        pendingRecords -= entries.length;
        results.take(entries);
      };
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
          const entries: Promise<ScanEntry>[] = [];
          for (const input of batch) {
            const source = { file: input.file, index: input.index };
            if (!input.unreadable) stats.records++;
            if (input.error !== undefined) {
              const readError = input.error.message;
              entries.push(Promise.resolve({ source, readError, unreadable: input.unreadable === true }));
              continue;
            }
            // Detection over MemoryState runs inside this call, before its first await, so the
            // records are judged in input order even though their findings are stored later.
            entries.push(pipeline.process(input.item, source).then((result) => ({ source, result })));
          }
          inFlight.push(Promise.all(entries));
          pendingRecords += entries.length;
          while (pendingRecords > RECORDS_IN_FLIGHT) await settle();
          progress.update(stats.records, stats.files, stats.bytes);
          await writer.flushIfFull();
        }
        while (inFlight.length > 0) await settle();
      } finally {
        // Never leave findings half-handled: what is in flight finishes before the store closes.
        await Promise.allSettled(inFlight);
        progress.stop();
        barShown = false;
      }
      await writer.end();
      io.stderr.write(
        formatSummary(stats, {
          elapsedMs: performance.now() - startedMs,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
          store: opened.label,
          channels: channels.names,
          outboxKept: storeConfig.kind !== 'memory',
          ...(settingsFile !== undefined && { settingsFile }),
        }),
      );
      if (stats.unreadable > 0 || stats.notRecorded > 0) return SCAN_EXIT.usage;
      return results.failing ? SCAN_EXIT.findings : SCAN_EXIT.clean;
    } finally {
      await opened.close();
    }
  } finally {
    channels.close();
  }
}

/**
 * What the pipeline logs during a scan: expired suppressions are announced on stderr (once
 * each, the pipeline sees to that); malformed items and failed steps are not logged, because
 * the results carry them and the summary counts and quotes them.
 */
function scanLogger(stream: NodeJS.WritableStream): Logger {
  return {
    info: () => {},
    warn: (message, data) => {
      if (data?.suppressionId !== undefined) stream.write(`trailwarden: warning: ${message}\n`);
    },
    error: () => {},
  };
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

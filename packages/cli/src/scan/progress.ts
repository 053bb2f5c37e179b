import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../io.js';

/** What the scan reports to its progress display. */
export interface ScanProgress {
  /** Records read so far and bytes of the inputs finished so far. */
  update(records: number, filesDone: number, bytesDone: number): void;
  stop(): void;
}

/** Totals known before the scan (standard input has none). */
export interface ProgressTotals {
  readonly files: number;
  readonly bytes: number;
}

/** A progress display that shows nothing. */
export const NO_PROGRESS: ScanProgress = { update: () => {}, stop: () => {} };

/**
 * A progress bar on stderr — only when stderr is a terminal, so redirected output and CI logs
 * stay clean. Shows inputs done, bytes (compressed size on disk), records and records/s.
 *
 * @example
 * const progress = createProgress(io, { files: 120, bytes: 52_000_000 }, performance.now());
 * progress.update(records, filesDone, bytesDone);
 * progress.stop();
 */
export function createProgress(
  io: CliIo,
  totals: ProgressTotals | undefined,
  startedMs: number,
): ScanProgress {
  if (!io.isTTY.stderr) return NO_PROGRESS;
  const bar = new SingleBar({
    stream: io.stderr,
    // The caller already decided this is a terminal; let injected streams render too.
    noTTYOutput: true,
    clearOnComplete: true,
    hideCursor: true,
    fps: 8,
    format: totals
      ? 'scanning {bar} {percentage}% | {files}/{totalFiles} files | {mb}/{totalMb} MB | {records} records | {rate} records/s'
      : 'scanning {records} records | {rate} records/s',
  });
  const totalMb = totals ? (totals.bytes / 1024 / 1024).toFixed(1) : '0';
  bar.start(Math.max(1, totals?.bytes ?? 1), 0, {
    files: 0,
    totalFiles: totals?.files ?? 0,
    mb: '0.0',
    totalMb,
    records: 0,
    rate: 0,
  });
  return {
    update(records, filesDone, bytesDone) {
      const seconds = (performance.now() - startedMs) / 1000;
      bar.update(bytesDone, {
        files: filesDone,
        mb: (bytesDone / 1024 / 1024).toFixed(1),
        records,
        rate: seconds > 0 ? Math.round(records / seconds) : 0,
      });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * A stream for text that shares the terminal with the progress bar (console alerts): while
 * `active()` it erases the bar's line before each write, and the bar redraws itself below on
 * its next update, instead of the two being mixed on one line.
 *
 * @example
 * const alerts = aboveProgress(io.stderr, () => barShown);
 */
export function aboveProgress(stream: NodeJS.WritableStream, active: () => boolean): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      stream.write(active() ? `\r\u001b[2K${text}` : text, (error) => done(error ?? null));
    },
  });
}

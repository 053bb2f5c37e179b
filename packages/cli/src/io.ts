import type { Readable, Writable } from 'node:stream';

/**
 * Everything a command touches outside itself, injected so that tests run commands in
 * process with fake streams, a fixed terminal width and their own environment.
 */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  /** Whether each stream is a terminal: decides the default format, the progress bar, colours. */
  readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  /** Terminal width in columns when stdout is a terminal. */
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this directory. */
  readonly cwd: string;
  /** Set by commands, like `process.exitCode`; `runCli` returns it. */
  exitCode: number;
}

/**
 * The real process's streams and environment.
 *
 * @example
 * const io = processIo();
 * process.exitCode = await runCli(process.argv.slice(2), io);
 */
export function processIo(): CliIo {
  // `trailwarden scan … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: {
      stdin: process.stdin.isTTY === true,
      stdout: process.stdout.isTTY === true,
      stderr: process.stderr.isTTY === true,
    },
    ...(process.stdout.isTTY === true && { columns: process.stdout.columns }),
    env: process.env,
    cwd: process.cwd(),
    exitCode: 0,
  };
}

/** True when output to a terminal may use ANSI colours (https://no-color.org). */
export function colorsEnabled(io: CliIo): boolean {
  return io.isTTY.stdout && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
}

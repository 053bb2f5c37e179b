import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../io.js';

export interface FakeIoOptions {
  /** Standard input; absent means an empty stream. */
  readonly stdin?: string | Buffer | readonly (string | Buffer)[];
  readonly tty?: Partial<CliIo['isTTY']>;
  readonly columns?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/** A `CliIo` over memory streams, with what the command wrote. */
export interface FakeIo extends CliIo {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/**
 * An in-memory `CliIo` for running commands in process.
 *
 * @example
 * const io = fakeIo({ stdin: '{"Records":[]}', cwd: fixtures });
 * const code = await runCli(['scan'], io);
 * expect(io.err()).toContain('scanned 1 file');
 */
export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  const stdout = collector();
  const stderr = collector();
  const input =
    options.stdin === undefined ? [] : Array.isArray(options.stdin) ? options.stdin : [options.stdin];
  return {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from(input.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))),
    isTTY: { stdin: false, stdout: false, stderr: false, ...options.tty },
    ...(options.columns !== undefined && { columns: options.columns }),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    exitCode: 0,
    out: stdout.text,
    err: stderr.text,
  };
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

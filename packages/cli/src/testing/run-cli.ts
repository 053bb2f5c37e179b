import { runCli } from '../program.js';
import { type FakeIoOptions, fakeIo } from './fake-io.js';

/** What one in-process command run left behind. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** stdout read as JSON Lines (empty when stdout is empty); throws when it is not JSON. */
  json(): Record<string, unknown>[];
}

/**
 * Runs `trailwarden <args>` in process with fake streams and returns the exit code and output.
 *
 * @example
 * const { code, json } = await run(['scan', 'trail.json', '--format', 'jsonl'], { cwd: fixtures });
 */
export async function run(args: readonly string[], options: FakeIoOptions = {}): Promise<CliRun> {
  const io = fakeIo(options);
  const code = await runCli(args, io);
  const out = io.out();
  const json = () =>
    out.trim() === ''
      ? []
      : out
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, out, err: io.err(), json };
}

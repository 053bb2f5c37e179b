import { Command, CommanderError } from 'commander';
import type { CliIo } from '../io.js';
import { type FakeIoOptions, fakeIo } from './fake-io.js';

/** What one in-process run of a command group left behind. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Commander's error code when commander itself stopped (usage, help). */
  readonly commander?: string;
}

/**
 * Runs `trailwarden <argv>` on a program holding only the commands `register` adds, with fake
 * streams (`options.stdin` feeds `-`). Unlike `run` in run-cli.ts it keeps commander's own error
 * code, so tests can tell a usage error commander raised from one the command reported.
 *
 * @example
 * const run = await runCommand(registerPolicyCommands, ['policy', 'check', 'admin.json'], { cwd: dir });
 * expect(run.code).toBe(1);
 */
export async function runCommand(
  register: (program: Command, io: CliIo) => void,
  argv: readonly string[],
  options: FakeIoOptions = {},
): Promise<CommandRun> {
  const io = fakeIo(options);
  const program = new Command('trailwarden').exitOverride().configureOutput({
    writeOut: (text) => void io.stdout.write(text),
    writeErr: (text) => void io.stderr.write(text),
  });
  register(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { code: io.exitCode, stdout: io.out(), stderr: io.err() };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { code: error.exitCode, stdout: io.out(), stderr: io.err(), commander: error.code };
  }
}

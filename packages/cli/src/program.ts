import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { registerAlertsCommands } from './commands/alerts.js';
import { registerFindingsCommands } from './commands/findings.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerRulesCommands } from './commands/rules.js';
import { registerScanCommand } from './commands/scan.js';
import { registerSettingsCommands } from './commands/settings.js';
import { EXIT_USAGE, UsageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * The `trailwarden` command with every subcommand, writing only through `io`. Commander is
 * told not to exit the process (`exitOverride`) anywhere in the tree, so tests can run
 * commands in process; `runCli` turns what is thrown into exit codes.
 *
 * @example
 * const program = buildProgram(io);
 * await program.parseAsync(['rules', 'list'], { from: 'user' });
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('trailwarden')
    .description(
      'Find risky AWS changes in CloudTrail logs: scan archives into a findings store, triage findings, deliver alerts, browse the rules, analyse IAM policies.',
    )
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError('(add --help for usage)');
  registerScanCommand(program, io);
  registerFindingsCommands(program, io);
  registerAlertsCommands(program, io);
  registerSettingsCommands(program, io);
  registerRulesCommands(program, io);
  registerPolicyCommands(program, io);
  const output = {
    writeOut: (text: string) => void io.stdout.write(text),
    writeErr: (text: string) => void io.stderr.write(text),
    getOutHelpWidth: () => io.columns ?? 100,
    getErrHelpWidth: () => io.columns ?? 100,
  };
  // Commands added with addCommand() do not inherit settings: apply them to the whole tree.
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput(output);
    for (const child of command.commands) configure(child);
  };
  configure(program);
  return program;
}

/**
 * Runs the command line `argv` (without the node and script paths) and returns the exit code:
 * what the command set, 0 after `--help`/`--version`, 2 for usage and input errors.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already. Its default code for errors is 1, which
    // trailwarden keeps for "findings"; usage errors are 2.
    if (CLEAN_EXITS.has(error.code) || error.exitCode === 0) return 0;
    return error.exitCode === 1 ? EXIT_USAGE : error.exitCode;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`trailwarden: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`trailwarden: unexpected error (please report it): ${message}\n`);
  return EXIT_USAGE;
}

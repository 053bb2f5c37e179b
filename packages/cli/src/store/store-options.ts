import { type Command, Option } from 'commander';
import { DEFAULT_DATA_DIR, DEFAULT_TABLE, STORE_KINDS } from './store-config.js';

/** `--help` text on the store options, shared by every command that opens the store. */
export const STORE_HELP = `
Findings store:
  --store local (default) keeps findings in an embedded DynamoDB-compatible store (dynalite,
  in this process) under --data-dir, else $TRAILWARDEN_DATA_DIR, else ${DEFAULT_DATA_DIR}/ in the
  working directory, so later commands see earlier scans. --store dynamodb uses DynamoDB
  (table --table, default ${DEFAULT_TABLE}); --endpoint, else $AWS_ENDPOINT_URL_DYNAMODB,
  points it at DynamoDB Local, where the table is created when missing. --store memory keeps
  nothing after the command.
`;

/**
 * Adds `--store`, `--data-dir`, `--table` and `--endpoint` to a command; read them back with
 * `resolveStoreConfig(flags, io.env, io.cwd)`.
 *
 * @example
 * addStoreOptions(program.command('findings').command('list'));
 */
export function addStoreOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--store <kind>',
        'where findings are kept (default: local, or dynamodb with --endpoint)',
      ).choices(STORE_KINDS),
    )
    .option('--data-dir <dir>', `directory of the embedded store (default: ${DEFAULT_DATA_DIR}/)`)
    .option('--table <name>', `DynamoDB table name (default: ${DEFAULT_TABLE})`)
    .option('--endpoint <url>', 'DynamoDB endpoint, e.g. DynamoDB Local at http://127.0.0.1:8000');
}

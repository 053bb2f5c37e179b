import { toAsff, toOcsf } from '@trailwarden/adapters';
import {
  FindingNotFoundError,
  type FindingQuery,
  type FindingStatus,
  SEVERITIES,
  type Severity,
  type StoredFinding,
} from '@trailwarden/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../io.js';
import { BufferedWriter } from '../output/buffered-writer.js';
import { createFindingWriter, OUTPUT_FORMATS, type OutputFormat } from '../output/finding-writer.js';
import { formatStoredFindingsTable, storedFindingRecord } from '../output/stored-finding-view.js';
import type { StoreFlags } from '../store/store-config.js';
import { addStoreOptions, STORE_HELP } from '../store/store-options.js';
import { useStore } from '../store/use-store.js';
import { registerLifecycleCommands } from './findings-lifecycle.js';

export const FINDING_STATUSES = [
  'open',
  'acknowledged',
  'resolved',
  'suppressed',
] as const satisfies readonly FindingStatus[];

const SHOW_FORMATS = ['json', 'asff', 'ocsf'] as const;
type ShowFormat = (typeof SHOW_FORMATS)[number];

interface ListFlags extends StoreFlags {
  readonly status?: FindingStatus;
  readonly severity?: Severity;
  readonly account?: string;
  readonly resource?: string;
  readonly limit: number;
  readonly cursor?: string;
  readonly format?: OutputFormat;
}

interface ShowFlags extends StoreFlags {
  readonly format: ShowFormat;
}

const FINDINGS_HELP = `
Lifecycle:
  open → acknowledged → resolved | suppressed (open may go straight to resolved or suppressed).
  Resolved and suppressed are final; a recurrence is a new finding. A change the lifecycle does
  not allow is refused with the store's message and exit code 2.

Examples:
  trailwarden findings list --status open --severity critical
  trailwarden findings show 5f0c1a2b3c4d5e6f708192a3b4c5d6e7 --format asff
  trailwarden findings ack 5f0c1a2b3c4d5e6f708192a3b4c5d6e7
  trailwarden findings suppress 5f0c… --owner platform-team --reason "CI bucket, public by design" --expires 2027-01-31
`;

/**
 * Adds `trailwarden findings list|show|ack|resolve|suppress`, over the store `scan` recorded
 * into (same `--store`/`--data-dir`/`--table`/`--endpoint` options).
 *
 * @example
 * registerFindingsCommands(program, io);
 * await program.parseAsync(['findings', 'list', '--status', 'open'], { from: 'user' });
 */
export function registerFindingsCommands(program: Command, io: CliIo): void {
  const findings = program
    .command('findings')
    .description('List, show and triage the findings recorded by scan')
    .addHelpText('after', `${FINDINGS_HELP}${STORE_HELP}`);
  const list = findings
    .command('list')
    .description('List recorded findings, newest first')
    .addOption(new Option('--status <status>', 'only findings with this status').choices(FINDING_STATUSES))
    .addOption(new Option('--severity <severity>', 'only findings of this severity').choices(SEVERITIES))
    .option('--account <id>', 'only findings in this account', parseAccount)
    .option('--resource <arn>', 'only findings on this resource (its first resource ARN)')
    .option('--limit <n>', 'at most this many findings (1 to 1000)', parseLimit, 50)
    .option('--cursor <token>', 'continue a previous listing (printed on stderr when there is more)')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else jsonl)').choices(
        OUTPUT_FORMATS,
      ),
    );
  addStoreOptions(list)
    .addHelpText('after', STORE_HELP)
    .action(async (flags: ListFlags) => {
      await listFindings(flags, io);
    });
  const show = findings
    .command('show')
    .description('Show one finding with its evidence, status and history')
    .argument('<id>', 'finding id (see trailwarden findings list)')
    .addOption(new Option('--format <format>', 'output format').choices(SHOW_FORMATS).default('json'));
  addStoreOptions(show)
    .addHelpText('after', STORE_HELP)
    .action(async (id: string, flags: ShowFlags) => {
      const finding = await useStore(flags, io, async (store) => {
        const found = await store.get(id);
        if (found === undefined) throw new FindingNotFoundError(id);
        return found;
      });
      io.stdout.write(`${JSON.stringify(showRecord(finding, flags.format), null, 2)}\n`);
    });
  registerLifecycleCommands(findings, io);
}

async function listFindings(flags: ListFlags, io: CliIo): Promise<void> {
  const query: FindingQuery = {
    limit: flags.limit,
    ...(flags.status !== undefined && { status: flags.status }),
    ...(flags.severity !== undefined && { severity: flags.severity }),
    ...(flags.account !== undefined && { account: flags.account }),
    ...(flags.resource !== undefined && { resource: flags.resource }),
    ...(flags.cursor !== undefined && { cursor: flags.cursor }),
  };
  const page = await useStore(flags, io, (store) => store.list(query));
  const format = flags.format ?? (io.isTTY.stdout ? 'table' : 'jsonl');
  if (format === 'table') {
    if (page.items.length === 0) io.stderr.write('no findings match\n');
    else io.stdout.write(formatStoredFindingsTable(page.items, io.columns || Number(io.env.COLUMNS) || 200));
  } else {
    const writer = createFindingWriter<StoredFinding>(
      format,
      new BufferedWriter(io.stdout),
      undefined,
      storedFindingRecord,
    );
    for (const finding of page.items) writer.write(finding);
    await writer.end();
  }
  if (page.cursor !== undefined) {
    io.stderr.write(`more findings: add --cursor ${page.cursor}\n`);
  }
}

function showRecord(finding: StoredFinding, format: ShowFormat): unknown {
  switch (format) {
    case 'json':
      return { ...storedFindingRecord(finding), runbook: finding.runbook };
    case 'asff':
      return toAsff(finding);
    case 'ocsf':
      return toOcsf(finding);
  }
}

function parseAccount(value: string): string {
  if (/^\d{12}$/.test(value)) return value;
  throw new InvalidArgumentError('expected a 12-digit AWS account id, like 111122223333.');
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (Number.isInteger(limit) && limit >= 1 && limit <= 1000) return limit;
  throw new InvalidArgumentError('expected a whole number from 1 to 1000.');
}

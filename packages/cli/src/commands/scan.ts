import { CATALOG, CATEGORIES, type Category, SEVERITIES, type Severity } from '@trailwarden/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { AlertFlags } from '../alerts/alert-channels.js';
import { ALERT_HELP, addAlertOptions } from '../alerts/alert-options.js';
import type { CliIo } from '../io.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/finding-writer.js';
import { closest } from '../output/suggest.js';
import { runScan } from '../scan/run-scan.js';
import type { StoreFlags } from '../store/store-config.js';
import { addStoreOptions, STORE_HELP } from '../store/store-options.js';

/** `trailwarden scan --help` text after the options; the README's exit-code section says the same. */
export const SCAN_HELP = `
Inputs:
  CloudTrail log files ({"Records":[...]}, .json or .json.gz), directories (walked recursively,
  sorted by name: *.json, *.jsonl, *.ndjson and their .gz forms; hidden entries and
  CloudTrail-Digest folders are skipped), JSON Lines of records or EventBridge events, a single
  EventBridge event, \`aws cloudtrail lookup-events\` output, and standard input ("-", or no
  path when input is piped). gzip is recognised by its content, whatever the file name.
  Records are read and judged one at a time, so memory stays bounded whatever the archive size;
  rules that compare with earlier state learn it from the records read before.

Output:
  Findings go to stdout in input order: a table on a terminal, JSON Lines otherwise.
  --format json writes one JSON array, streamed element by element; asff and ocsf write JSON
  Lines of AWS Security Finding Format (for Security Hub BatchImportFindings) and OCSF
  Detection Findings. Every finding the inputs hold is reported, also when the store already
  had it (scanning an archive twice prints the same findings; the store records them once and
  they are alerted once); suppressed findings are recorded but not reported. Console alerts,
  the progress bar (only when stderr is a terminal) and the summary (files, records, parse
  errors, findings by severity and category, records/s, peak memory, what the store recorded,
  what was alerted) go to stderr.

Settings:
  --settings FILE (YAML or JSON), else trailwarden.config.yaml, .yml or .json in the working
  directory when there is one (--no-settings ignores it): rules on/off and severities,
  suppressions, deploy-pipeline severity lowering, alert routing, dedupe windows.

Exit codes:
  0  no reported finding at or above --fail-on (default: low, so info findings never fail)
  1  at least one reported finding at or above --fail-on (findings below --min-severity
     and suppressed findings are not reported and do not count)
  2  usage or input error: bad flag, unknown rule id or category, unreadable path, invalid
     settings file, a store that cannot be used (checked before anything is read) or that
     refused a finding. Malformed records do not change the exit code: they are counted and
     the first ones are quoted in the summary. Undelivered alerts do not either: they stay
     in the outbox for \`trailwarden alerts retry\`.

Examples:
  trailwarden scan AWSLogs/
  aws cloudtrail lookup-events --max-results 50 | trailwarden scan --format table
  trailwarden scan trail.json.gz --min-severity high --format json > findings.json
  trailwarden scan logs/ --rule root-console-login --rule mfa-device-removed --fail-on critical
  zcat *.json.gz | trailwarden scan --settings trailwarden.config.yaml
  trailwarden scan AWSLogs/ --store dynamodb --endpoint http://127.0.0.1:8000 --sns-topic arn:aws:sns:…
`;

interface ScanFlags extends StoreFlags, AlertFlags {
  readonly format?: OutputFormat;
  readonly minSeverity: Severity;
  readonly rule?: readonly string[];
  readonly category?: readonly Category[];
  readonly settings?: string | false;
  readonly failOn: Severity | 'none';
  readonly progress: boolean;
}

/**
 * Adds `trailwarden scan [paths...]`. Flags are checked by commander (usage errors, exit
 * code 2); the work is `runScan`.
 *
 * @example
 * registerScanCommand(program, io);
 * await program.parseAsync(['scan', 'AWSLogs/', '--format', 'jsonl'], { from: 'user' });
 */
export function registerScanCommand(program: Command, io: CliIo): void {
  const command = program
    .command('scan')
    .description('Scan CloudTrail logs, lookup-events output or EventBridge events for risky changes')
    .argument('[paths...]', 'files or directories to scan, or - for standard input')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else jsonl)').choices(
        OUTPUT_FORMATS,
      ),
    )
    .addOption(
      new Option('--min-severity <severity>', 'report findings at or above')
        .choices(SEVERITIES)
        .default('info'),
    )
    .addOption(
      new Option('--rule <id>', 'run only this rule; repeatable (see trailwarden rules list)').argParser(
        repeatable(parseRuleId),
      ),
    )
    .addOption(
      new Option('--category <category>', 'run only rules of this category; repeatable').argParser(
        repeatable(parseCategory),
      ),
    )
    .option(
      '--settings <file>',
      'settings file (YAML or JSON; default: trailwarden.config.yaml/.yml/.json here, if any)',
    )
    .option('--no-settings', 'ignore trailwarden.config.* in the working directory')
    .addOption(
      new Option('--fail-on <severity>', 'exit with 1 when a finding is at or above this severity')
        .choices([...SEVERITIES, 'none'])
        .default('low'),
    )
    .option('--no-progress', 'no progress bar (it is only ever shown when stderr is a terminal)');
  addStoreOptions(command);
  addAlertOptions(command)
    .addHelpText('after', `${SCAN_HELP}${STORE_HELP}${ALERT_HELP}`)
    .action(async (paths: string[], flags: ScanFlags) => {
      io.exitCode = await runScan(
        {
          paths,
          format: flags.format ?? (io.isTTY.stdout ? 'table' : 'jsonl'),
          minSeverity: flags.minSeverity,
          ruleIds: flags.rule ?? [],
          categories: flags.category ?? [],
          ...(flags.settings !== undefined && { settingsFile: flags.settings }),
          failOn: flags.failOn,
          progress: flags.progress,
          // Commander leaves absent options out, so the flags are the store and alert flags as given.
          store: flags,
          alerts: flags,
        },
        io,
      );
    });
}

function repeatable<T>(parse: (value: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}

const RULE_IDS = CATALOG.map((rule) => rule.id);

function parseRuleId(value: string): string {
  if (RULE_IDS.includes(value)) return value;
  const guess = closest(value, RULE_IDS);
  throw new InvalidArgumentError(
    `unknown rule id.${guess ? ` Did you mean ${guess}?` : ''} Run \`trailwarden rules list\` to see the rule ids.`,
  );
}

function parseCategory(value: string): Category {
  const category = CATEGORIES.find((c) => c === value);
  if (category !== undefined) return category;
  throw new InvalidArgumentError(`unknown category. Categories: ${CATEGORIES.join(', ')}.`);
}

import {
  analyzeGrants,
  compareGrants,
  type Grant,
  type PolicyDocument,
  type TrustContext,
  tryParsePolicy,
  unwrapAwsCliOutput,
  type WideningReport,
} from '@trailwarden/core/iam';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { PolicyFileError, policyJson, readPolicyText } from './policy-files.js';
import { registerPolicySimulate } from './policy-simulate.js';

/** What the policy commands touch outside themselves; the program's `CliIo` fits. */
export type PolicyIo = Pick<CliIo, 'stdout' | 'stderr' | 'stdin' | 'cwd' | 'exitCode'>;

const EXIT_RISKY = 1;
const EXIT_USAGE = 2;

interface PolicyOptions {
  readonly format: string;
  readonly account?: string;
  readonly allowedAccount: readonly string[];
  readonly orgId?: string;
}

/** A failure to report on stderr with exit code 2. */
class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
}

const EXIT_HELP = `
Exit codes:
  0  nothing risky (check) / not widened (diff)
  1  risky grants found (check) / the new document grants more (diff)
  2  usage error, unreadable file, or a malformed policy (the message names the element)

Inputs: a policy document as JSON, a JSON string, URL-encoded JSON (as IAM returns it), or
the output of aws iam get-policy-version / get-role / get-role-policy / get-user-policy,
aws s3api get-bucket-policy, aws kms get-key-policy or aws organizations describe-policy.
Use - to read standard input.`;

function processPolicyIo(): PolicyIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    get exitCode() {
      return typeof process.exitCode === 'number' ? process.exitCode : 0;
    },
    set exitCode(code: number) {
      process.exitCode = code;
    },
  };
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

function addTrustOptions(command: Command): Command {
  return command
    .option('--format <format>', 'text or json', 'text')
    .option('--account <id>', 'account that owns the policy (its principals are not cross-account)')
    .option('--allowed-account <id>', 'another trusted account (repeatable)', collect, [])
    .option('--org-id <id>', 'your organization id (o-...): org conditions naming it restrict principals');
}

/**
 * Adds `policy check FILE|-` and `policy diff OLD NEW` (and `policy simulate`) to the program.
 * Pass the program's io so output and exit codes go where the rest of the CLI's go; without
 * it the process streams are used.
 *
 * @example
 * ```ts
 * const program = new Command('trailwarden');
 * registerPolicyCommands(program, io);
 * await program.parseAsync(['policy', 'check', 'policy.json'], { from: 'user' });
 * ```
 */
export function registerPolicyCommands(program: Command, io: PolicyIo = processPolicyIo()): void {
  const policy = program
    .command('policy')
    .description('analyse IAM policy documents: risky grants, widening, simulation');

  addTrustOptions(
    policy
      .command('check')
      .argument('<file>', 'policy document file, or - for standard input')
      .description(
        'list the risky grants of a policy: admin, service wildcards, NotAction, escalation, public/cross-account principals',
      ),
  )
    .addHelpText('after', EXIT_HELP)
    .action((file: string, options: PolicyOptions) => run(io, options, () => check(io, file, options)));

  addTrustOptions(
    policy
      .command('diff')
      .argument('<old>', 'previous policy document (an empty file means "none")')
      .argument('<new>', 'new policy document')
      .description('report what the new policy grants that the old one did not'),
  )
    .addHelpText('after', EXIT_HELP)
    .action((oldFile: string, newFile: string, options: PolicyOptions) =>
      run(io, options, () => diff(io, oldFile, newFile, options)),
    );

  registerPolicySimulate(policy, io);
}

async function run(io: PolicyIo, options: PolicyOptions, body: () => Promise<number>): Promise<void> {
  try {
    if (options.format !== 'text' && options.format !== 'json') {
      throw new PolicyInputError(`--format must be text or json, got "${options.format}"`);
    }
    io.exitCode = await body();
  } catch (error) {
    if (!(error instanceof PolicyInputError || error instanceof PolicyFileError)) throw error;
    io.stderr.write(`trailwarden: ${error.message}\n`);
    io.exitCode = EXIT_USAGE;
  }
}

function trustOf(options: PolicyOptions): TrustContext {
  for (const account of [options.account, ...options.allowedAccount]) {
    if (account !== undefined && !/^\d{12}$/.test(account)) {
      throw new PolicyInputError(`account ids are 12 digits, got "${account}"`);
    }
  }
  return {
    ...(options.account !== undefined ? { ownerAccount: options.account } : {}),
    ...(options.allowedAccount.length > 0 ? { allowedAccounts: options.allowedAccount } : {}),
    ...(options.orgId !== undefined ? { organizationId: options.orgId } : {}),
  };
}

async function readPolicy(io: PolicyIo, file: string): Promise<PolicyDocument> {
  return parseText(file, await readPolicyText(io, file));
}

function parseText(file: string, text: string): PolicyDocument {
  const parsed = tryParsePolicy(unwrapAwsCliOutput(policyJson(text)));
  if (!parsed.ok) {
    const where = parsed.error.path ? ` (at ${parsed.error.path})` : '';
    throw new PolicyInputError(`${file} is not a valid policy${where}: ${parsed.error.message}`);
  }
  return parsed.value;
}

function grantLine(grant: Grant): string {
  const sid = grant.sid !== undefined ? ` (${grant.sid})` : '';
  return `  [${grant.kind}] Statement[${grant.statement}]${sid}: ${grant.detail}\n`;
}

async function check(io: PolicyIo, file: string, options: PolicyOptions): Promise<number> {
  const trust = trustOf(options);
  const report = analyzeGrants(await readPolicy(io, file), trust);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
  } else if (report.grants.length === 0) {
    io.stdout.write(`${file}: no risky grants\n`);
  } else {
    const admin = report.admin ? ', including administrator access' : '';
    io.stdout.write(
      `${file}: ${report.grants.length} risky grant${report.grants.length === 1 ? '' : 's'}${admin}\n`,
    );
    for (const grant of report.grants) io.stdout.write(grantLine(grant));
  }
  return report.grants.length > 0 ? EXIT_RISKY : 0;
}

async function diff(io: PolicyIo, oldFile: string, newFile: string, options: PolicyOptions): Promise<number> {
  if (oldFile === '-' && newFile === '-')
    throw new PolicyInputError('only one of OLD and NEW can be standard input');
  const trust = trustOf(options);
  const oldText = await readPolicyText(io, oldFile);
  const oldDoc = oldText.trim() === '' ? undefined : parseText(oldFile, oldText);
  const report = compareGrants(oldDoc, await readPolicy(io, newFile), trust);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ old: oldFile, new: newFile, ...report }, null, 2)}\n`);
  } else {
    io.stdout.write(diffText(oldFile, newFile, report));
  }
  return report.widened ? EXIT_RISKY : 0;
}

function diffText(oldFile: string, newFile: string, report: WideningReport): string {
  if (!report.widened) return `${newFile}: grants nothing that ${oldFile} did not\n`;
  const lines = [`${newFile}: grants more than ${oldFile}\n`];
  const section = (title: string, entries: readonly string[]): void => {
    if (entries.length > 0) lines.push(`${title}:\n`, ...entries);
  };
  section('added risky grants', report.addedGrants.map(grantLine));
  section(
    'added permissions',
    report.addedPermissions.map((p) => `  ${p.action} on ${p.resource} (Statement[${p.statement}])\n`),
  );
  section(
    'added principals',
    report.addedPrincipals.map((p) => `  ${p}\n`),
  );
  section(
    'removed restrictions',
    report.removedRestrictions.map((r) => `  ${r}\n`),
  );
  return lines.join('');
}

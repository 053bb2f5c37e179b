import {
  type EvaluationResult,
  evaluate,
  type NamedPolicy,
  type PolicySet,
  parseContextPairs,
  parsePrincipalArg,
  type RequestPrincipal,
  type SimulationRequest,
  tryParsePolicy,
  unwrapAwsCliOutput,
} from '@trailwarden/core/iam';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { PolicyFileError, policyJson, readPolicyFile } from './policy-files.js';

/** What `policy simulate` touches outside itself; the program's `CliIo` fits. */
export type SimulateIo = Pick<CliIo, 'stdout' | 'stderr' | 'cwd' | 'exitCode'>;

const EXIT_DENIED = 1;
const EXIT_USAGE = 2;

interface SimulateOptions {
  readonly action?: string;
  readonly resource?: string;
  readonly resourceAccount?: string;
  readonly principal?: string;
  readonly policy?: readonly string[];
  readonly resourcePolicy?: string;
  readonly boundary?: readonly string[];
  readonly sessionPolicy?: readonly string[];
  readonly scp?: readonly string[];
  readonly rcp?: readonly string[];
  readonly managementAccount?: string;
  readonly context?: readonly string[];
  readonly format: string;
}

/** A flag the command cannot work with: reported on stderr with exit code 2. */
class SimulateInputError extends Error {
  override readonly name = 'SimulateInputError';
}

const HELP = `
Each --scp (or --rcp) file is one organization level, root first: a policy, or a JSON array of
the policies attached at that level. Every level must allow. Files may also hold the output of
aws iam get-policy-version / get-role, aws s3api get-bucket-policy, aws kms get-key-policy or
aws organizations describe-policy. A repeated --context key is multi-valued.

Principals: arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME,
arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, arn:aws:iam::ACCOUNT:root (or the account id),
a service principal such as cloudtrail.amazonaws.com, or anonymous. Without --principal the
caller is an IAM user of the resource's account.

Context: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
aws:PrincipalServiceName, aws:PrincipalIsAWSService, aws:ResourceAccount, aws:SecureTransport
(true) and aws:CurrentTime/aws:EpochTime (now) are filled in from the request; give the rest
(aws:SourceIp, aws:MultiFactorAuthPresent, aws:PrincipalOrgID, aws:SourceAccount, tags …) with
--context, which also overrides the defaults.

Exit codes:
  0  allowed
  1  denied (explicit-deny or implicit-deny)
  2  usage error, unreadable file, or a malformed policy (the message names the flag)`;

async function readJsonish(io: SimulateIo, flag: string, file: string): Promise<unknown> {
  try {
    return policyJson(await readPolicyFile(io.cwd, file));
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    throw new SimulateInputError(`${flag} ${file}: cannot read the file (${error.reason})`, { cause: error });
  }
}

function toPolicy(flag: string, name: string, input: unknown): NamedPolicy {
  const parsed = tryParsePolicy(unwrapAwsCliOutput(input));
  if (!parsed.ok)
    throw new SimulateInputError(`${flag} ${name}: not a valid policy: ${parsed.error.message}`);
  return { name, document: parsed.value };
}

async function readPolicies(
  io: SimulateIo,
  flag: string,
  files: readonly string[] = [],
): Promise<NamedPolicy[]> {
  return Promise.all(files.map(async (file) => toPolicy(flag, file, await readJsonish(io, flag, file))));
}

/** One organization level: a policy, or an array of the policies attached there. */
async function readLevels(
  io: SimulateIo,
  flag: string,
  files: readonly string[] = [],
): Promise<NamedPolicy[][]> {
  return Promise.all(
    files.map(async (file) => {
      const value = await readJsonish(io, flag, file);
      if (!Array.isArray(value)) return [toPolicy(flag, file, value)];
      if (value.length === 0) throw new SimulateInputError(`${flag} ${file}: the level lists no policy`);
      return value.map((item, i) => toPolicy(flag, `${file}[${i}]`, item));
    }),
  );
}

function required(flag: string, value: string | undefined, expected: string): string {
  if (value === undefined || value.trim() === '')
    throw new SimulateInputError(`${flag} is required: ${expected}`);
  return value.trim();
}

function account(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{12}$/.test(value)) {
    throw new SimulateInputError(`${flag} expects a 12-digit account id, got "${value}"`);
  }
  return value;
}

function principalOf(text: string | undefined): RequestPrincipal {
  if (text === undefined) return { type: 'user' };
  const parsed = parsePrincipalArg(text);
  if (!parsed.ok) throw new SimulateInputError(`--principal "${text}": ${parsed.error.message}`);
  return parsed.value;
}

async function buildInputs(
  io: SimulateIo,
  options: SimulateOptions,
): Promise<{ request: SimulationRequest; policies: PolicySet }> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new SimulateInputError(`--format expects text or json, got "${options.format}"`);
  }
  const action = required('--action', options.action, 'the API action as service:Action, e.g. s3:GetObject');
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(action)) {
    throw new SimulateInputError(
      `--action expects one concrete action as service:Action (no wildcards), got "${action}"`,
    );
  }
  const resource = required('--resource', options.resource, 'the resource ARN, or * for actions without one');
  const resourceAccount = account('--resource-account', options.resourceAccount);
  const managementAccount = account('--management-account', options.managementAccount);
  const context = parseContextPairs(options.context ?? []);
  if (!context.ok)
    throw new SimulateInputError(`--context "${context.error.details.input}": ${context.error.message}`);
  const resourcePolicy = options.resourcePolicy === undefined ? [] : [options.resourcePolicy];
  const [identity, resourcePolicies, boundary, session, scps, rcps] = await Promise.all([
    readPolicies(io, '--policy', options.policy),
    readPolicies(io, '--resource-policy', resourcePolicy),
    readPolicies(io, '--boundary', options.boundary),
    readPolicies(io, '--session-policy', options.sessionPolicy),
    readLevels(io, '--scp', options.scp),
    readLevels(io, '--rcp', options.rcp),
  ]);
  return {
    request: {
      action,
      resource,
      ...(resourceAccount ? { resourceAccount } : {}),
      principal: principalOf(options.principal),
      context: context.value,
    },
    policies: {
      identity,
      boundary,
      session,
      scps,
      rcps,
      ...(resourcePolicies[0] ? { resource: resourcePolicies[0] } : {}),
      ...(managementAccount ? { managementAccount } : {}),
    },
  };
}

function textReport(request: SimulationRequest, result: EvaluationResult): string {
  const { principal } = request;
  const who =
    principal.arn ??
    principal.service ??
    (principal.type === 'user' ? "an IAM user of the resource's account" : principal.type);
  const lines = [`decision: ${result.decision}`, `  ${request.action} on ${request.resource} by ${who}`];
  if (result.deciding.length > 0) {
    lines.push('deciding statements:');
    for (const d of result.deciding) {
      const sid = d.sid ? ` (${d.sid})` : '';
      lines.push(`  ${d.effect.padEnd(5)} ${d.kind.padEnd(20)} ${d.policy} statement ${d.statement}${sid}`);
    }
  }
  if (result.reasons.length > 0) lines.push('reasons:', ...result.reasons.map((r) => `  - ${r}`));
  if (result.warnings.length > 0) lines.push('warnings:', ...result.warnings.map((w) => `  - ${w}`));
  return `${lines.join('\n')}\n`;
}

async function simulate(io: SimulateIo, options: SimulateOptions): Promise<number> {
  const { request, policies } = await buildInputs(io, options);
  let result: EvaluationResult;
  try {
    result = evaluate(request, policies);
  } catch (error) {
    // The principal contradicting itself is the one input evaluate() can still refuse.
    throw new SimulateInputError(error instanceof Error ? error.message : String(error));
  }
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify({ request, ...result }, null, 2)}\n`
      : textReport(request, result),
  );
  return result.decision === 'allowed' ? 0 : EXIT_DENIED;
}

/**
 * Adds `policy simulate` to the `policy` command: evaluates one request against identity
 * policies, a resource policy, a permissions boundary, session policies, SCP and RCP levels,
 * the way AWS does (`evaluate()` in `@trailwarden/core/iam`). Exit code 0 when allowed, 1
 * when denied, 2 for usage and input errors. `registerPolicyCommands` calls it with the io it
 * was given, so output and the exit code go where the rest of the CLI's go.
 *
 * @example
 * ```ts
 * const policy = program.command('policy');
 * registerPolicySimulate(policy, io);
 * await program.parseAsync(['policy', 'simulate', '--action', 's3:GetObject',
 *   '--resource', 'arn:aws:s3:::amzn-s3-demo-bucket/key', '--policy', 'read.json'], { from: 'user' });
 * ```
 */
export function registerPolicySimulate(policy: Command, io: SimulateIo): void {
  policy
    .command('simulate')
    .description(
      'would AWS allow this request? evaluates identity, resource, boundary, session, SCP and RCP policies',
    )
    .option('--action <action>', 'the API action, service:Action (required)')
    .option('--resource <arn>', 'the resource ARN, or * (required)')
    .option('--resource-account <id>', 'account owning the resource when its ARN has none (S3)')
    .option(
      '--principal <principal>',
      'who calls: IAM user/role/root ARN, assumed-role ARN, service principal, anonymous',
    )
    .option('--policy <file...>', 'identity-based policies of the principal (repeatable)')
    .option('--resource-policy <file>', 'the resource policy (bucket, key, queue or trust policy)')
    .option('--boundary <file...>', "the principal's permissions boundary")
    .option('--session-policy <file...>', 'session policies of an assumed-role session')
    .option('--scp <file...>', 'SCPs, one file per organization level, root first')
    .option('--rcp <file...>', 'RCPs, one file per organization level, root first')
    .option('--management-account <id>', 'the organization management account (SCPs/RCPs skip it)')
    .option('--context <key=value...>', 'request context keys; a repeated key is multi-valued')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', HELP)
    .action(async (options: SimulateOptions) => {
      try {
        io.exitCode = await simulate(io, options);
      } catch (error) {
        if (!(error instanceof SimulateInputError)) throw error;
        io.stderr.write(`trailwarden: ${error.message}\n`);
        io.exitCode = EXIT_USAGE;
      }
    });
}

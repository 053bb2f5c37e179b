import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandRun, runCommand } from '../testing/run-command.js';
import { registerPolicyCommands } from './policy.js';

/** Runs `trailwarden policy simulate <argv>` in process, as the policy commands register it. */
function simulate(argv: readonly string[], cwd: string): Promise<CommandRun> {
  return runCommand(registerPolicyCommands, ['policy', 'simulate', ...argv], { cwd });
}

const policy = (...statements: readonly Record<string, unknown>[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const files: Record<string, string> = {
  'read.json': policy({
    Sid: 'ReadReports',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::reports/*',
  }),
  'deny-logs.json': policy({
    Sid: 'DenyLogs',
    Effect: 'Deny',
    Action: 's3:*',
    Resource: 'arn:aws:s3:::*log*',
  }),
  'admin.json': policy(ALLOW_ALL),
  'boundary-iam.json': policy({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }),
  'bucket-partner.json': JSON.stringify({
    Policy: policy({
      Sid: 'Partner',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
    }),
  }),
  'bucket-public.json': policy({
    Sid: 'Public',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::site/*',
  }),
  'trail-bucket.json': policy({
    Sid: 'CloudTrail',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::trail/AWSLogs/111122223333/*',
    Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
  }),
  'scp-root.json': JSON.stringify({
    Policy: { Content: policy(ALLOW_ALL), PolicySummary: { Name: 'FullAWSAccess' } },
  }),
  'scp-ou.json': JSON.stringify([
    JSON.parse(policy(ALLOW_ALL)),
    JSON.parse(
      policy({ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
    ),
  ]),
  'scp-s3-only.json': policy({ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }),
  'tagged.json': policy({
    Sid: 'TeamTags',
    Effect: 'Allow',
    Action: 'ec2:CreateTags',
    Resource: '*',
    Condition: {
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
      IpAddress: { 'aws:SourceIp': '192.0.2.0/24' },
    },
  }),
  'empty-level.json': '[]',
  'bad-effect.json': policy({ Effect: 'Permit', Action: '*', Resource: '*' }),
  'url-encoded.json': encodeURIComponent(policy(ALLOW_ALL)),
};

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trailwarden-simulate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ALICE = ['--principal', 'arn:aws:iam::111122223333:user/alice'];
const GET_REPORT = ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports/q2.csv'];

describe('policy simulate', () => {
  it.each<[string, readonly string[], number, RegExp]>([
    [
      'identity allow',
      [...GET_REPORT, ...ALICE, '--policy', 'read.json'],
      0,
      /^decision: allowed\n {2}s3:GetObject on arn:aws:s3:::reports\/q2\.csv by arn:aws:iam::111122223333:user\/alice\ndeciding statements:\n {2}Allow identity +read\.json statement 0 \(ReadReports\)\n/,
    ],
    [
      'no policy',
      [...GET_REPORT, ...ALICE],
      1,
      /^decision: implicit-deny\n[\s\S]*no identity policy allows s3:GetObject/,
    ],
    [
      'explicit deny from a second --policy',
      [
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::app-logs/a.gz',
        ...ALICE,
        '--policy',
        'admin.json',
        '--policy',
        'deny-logs.json',
      ],
      1,
      /decision: explicit-deny\n[\s\S]*Deny +identity +deny-logs\.json statement 0 \(DenyLogs\)/,
    ],
    [
      'variadic --policy',
      [
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::app-logs/a.gz',
        ...ALICE,
        '--policy',
        'admin.json',
        'deny-logs.json',
      ],
      1,
      /explicit-deny/,
    ],
    [
      'boundary without allow',
      [...GET_REPORT, ...ALICE, '--policy', 'admin.json', '--boundary', 'boundary-iam.json'],
      1,
      /implicit-deny[\s\S]*the permissions boundary does not allow s3:GetObject/,
    ],
    [
      'cross-account with both sides',
      [
        ...GET_REPORT,
        '--resource-account',
        '111122223333',
        '--principal',
        'arn:aws:sts::444455556666:assumed-role/Auditor/jane',
        '--policy',
        'read.json',
        '--resource-policy',
        'bucket-partner.json',
      ],
      0,
      /decision: allowed[\s\S]*Allow resource +bucket-partner\.json statement 0 \(Partner\)/,
    ],
    [
      'cross-account without identity allow',
      [
        ...GET_REPORT,
        '--resource-account',
        '111122223333',
        '--principal',
        'arn:aws:iam::444455556666:user/carol',
        '--resource-policy',
        'bucket-partner.json',
      ],
      1,
      /implicit-deny[\s\S]*cross-account request/,
    ],
    [
      'anonymous caller on a public bucket',
      [
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::site/index.html',
        '--principal',
        'anonymous',
        '--resource-policy',
        'bucket-public.json',
      ],
      0,
      /allowed[\s\S]*by anonymous/,
    ],
    [
      'service principal with its source account',
      [
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::trail/AWSLogs/111122223333/x.json.gz',
        '--principal',
        'cloudtrail.amazonaws.com',
        '--resource-policy',
        'trail-bucket.json',
        '--context',
        'aws:SourceAccount=111122223333',
      ],
      0,
      /allowed[\s\S]*by cloudtrail\.amazonaws\.com/,
    ],
    [
      'service principal for another account',
      [
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::trail/AWSLogs/111122223333/x.json.gz',
        '--principal',
        'cloudtrail.amazonaws.com',
        '--resource-policy',
        'trail-bucket.json',
        '--context',
        'aws:SourceAccount=444455556666',
      ],
      1,
      /implicit-deny/,
    ],
    [
      'SCP levels that all allow (describe-policy output and an array level)',
      [...GET_REPORT, ...ALICE, '--policy', 'read.json', '--scp', 'scp-root.json', 'scp-ou.json'],
      0,
      /allowed[\s\S]*Allow scp +scp-root\.json statement 0[\s\S]*Allow scp +scp-ou\.json\[0\] statement 0/,
    ],
    [
      'SCP deny inside an array level',
      [
        '--action',
        'organizations:LeaveOrganization',
        '--resource',
        '*',
        ...ALICE,
        '--policy',
        'admin.json',
        '--scp',
        'scp-root.json',
        '--scp',
        'scp-ou.json',
      ],
      1,
      /explicit-deny[\s\S]*Deny +scp +scp-ou\.json\[1\] statement 0 \(DenyLeave\)/,
    ],
    [
      'SCP level without allow',
      [
        '--action',
        'ec2:RunInstances',
        '--resource',
        '*',
        ...ALICE,
        '--policy',
        'admin.json',
        '--scp',
        'scp-root.json',
        'scp-s3-only.json',
      ],
      1,
      /implicit-deny[\s\S]*SCP level 2 \("scp-s3-only\.json"\) has no Allow/,
    ],
    [
      'management account skips SCPs',
      [
        '--action',
        'ec2:RunInstances',
        '--resource',
        '*',
        '--principal',
        'arn:aws:iam::123456789012:user/admin',
        '--policy',
        'admin.json',
        '--scp',
        'scp-s3-only.json',
        '--management-account',
        '123456789012',
      ],
      0,
      /allowed[\s\S]*SCPs do not apply to principals of the management account/,
    ],
    [
      'multi-valued context from a repeated key',
      [
        '--action',
        'ec2:CreateTags',
        '--resource',
        '*',
        ...ALICE,
        '--policy',
        'tagged.json',
        '--context',
        'aws:TagKeys=team',
        '--context',
        'aws:TagKeys=env',
        'aws:SourceIp=192.0.2.7',
      ],
      0,
      /allowed/,
    ],
    [
      'multi-valued context with a value outside the set',
      [
        '--action',
        'ec2:CreateTags',
        '--resource',
        '*',
        ...ALICE,
        '--policy',
        'tagged.json',
        '--context',
        'aws:TagKeys=team',
        'aws:TagKeys=owner',
        'aws:SourceIp=192.0.2.7',
      ],
      1,
      /implicit-deny/,
    ],
    ['URL-encoded policy file', [...GET_REPORT, ...ALICE, '--policy', 'url-encoded.json'], 0, /allowed/],
    [
      'root user by account id',
      [...GET_REPORT, '--principal', '111122223333'],
      0,
      /allowed[\s\S]*the root user has every permission in its own account/,
    ],
    [
      'no principal: an IAM user of the resource account',
      [...GET_REPORT, '--policy', 'read.json'],
      0,
      /^decision: allowed\n {2}s3:GetObject on arn:aws:s3:::reports\/q2\.csv by an IAM user of the resource's account\n/,
    ],
  ])('%s', async (_name, args, code, stdout) => {
    // Act
    const run = await simulate(args, dir);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(stdout);
    expect(run.code).toBe(code);
  });

  it('prints the request and the result as JSON with --format json', async () => {
    // Act
    const run = await simulate([...GET_REPORT, ...ALICE, '--policy', 'read.json', '--format', 'json'], dir);

    // Assess
    expect(JSON.parse(run.stdout)).toEqual({
      request: {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::reports/q2.csv',
        principal: { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' },
        context: {},
      },
      decision: 'allowed',
      deciding: [
        { policy: 'read.json', kind: 'identity', statement: 0, sid: 'ReadReports', effect: 'Allow' },
      ],
      reasons: [
        "resource account not given and not in the ARN: taken to be the principal's (111122223333)",
        'allowed by identity policy "read.json" statement 0 (ReadReports)',
      ],
      warnings: [],
    });
    expect(run.code).toBe(0);
  });

  it('exits 1 with JSON output when denied', async () => {
    // Act
    const run = await simulate([...GET_REPORT, ...ALICE, '--format', 'json'], dir);

    // Assess
    expect(JSON.parse(run.stdout)).toMatchObject({ decision: 'implicit-deny', deciding: [] });
    expect(run.code).toBe(1);
  });

  it.each<[string, readonly string[], RegExp]>([
    ['missing --action', ['--resource', '*'], /--action is required: the API action as service:Action/],
    ['missing --resource', ['--action', 's3:GetObject'], /--resource is required: the resource ARN, or \*/],
    [
      'a wildcard action',
      ['--action', 's3:Get*', '--resource', '*'],
      /--action expects one concrete action as service:Action \(no wildcards\), got "s3:Get\*"/,
    ],
    [
      'an unknown principal form',
      [...GET_REPORT, '--principal', 'alice'],
      /--principal "alice": expected an IAM user, role or root ARN/,
    ],
    [
      'a principal contradicting itself',
      [...GET_REPORT, '--principal', 'arn:aws:iam::111122223333:group/admins'],
      /--principal "arn:aws:iam::111122223333:group\/admins"/,
    ],
    [
      'a context pair without =',
      [...GET_REPORT, '--context', 'aws:SourceIp'],
      /--context "aws:SourceIp": expected KEY=VALUE/,
    ],
    [
      'a bad account id',
      [...GET_REPORT, '--resource-account', '1234'],
      /--resource-account expects a 12-digit account id, got "1234"/,
    ],
    [
      'a bad management account id',
      [...GET_REPORT, '--management-account', 'o-abc'],
      /--management-account expects a 12-digit account id/,
    ],
    ['an unknown format', [...GET_REPORT, '--format', 'yaml'], /--format expects text or json, got "yaml"/],
    [
      'a missing file',
      [...GET_REPORT, '--policy', 'missing.json'],
      /--policy missing\.json: cannot read the file \(ENOENT/,
    ],
    [
      'a malformed policy',
      [...GET_REPORT, '--boundary', 'bad-effect.json'],
      /--boundary bad-effect\.json: not a valid policy: Statement\[0\]\.Effect: Effect must be "Allow" or "Deny"/,
    ],
    [
      'an empty SCP level',
      [...GET_REPORT, '--scp', 'empty-level.json'],
      /--scp empty-level\.json: the level lists no policy/,
    ],
    [
      'a malformed policy inside an SCP level',
      [...GET_REPORT, '--scp', 'scp-root.json', 'read.json', 'bad-effect.json'],
      /--scp bad-effect\.json: not a valid policy/,
    ],
  ])('exits 2 for %s', async (_name, args, stderr) => {
    // Act
    const run = await simulate(args, dir);

    // Assess
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.code).toBe(2);
  });

  it('documents principals, SCP levels and exit codes in --help', async () => {
    // Act
    const run = await simulate(['--help'], dir);

    // Assess
    expect(run.commander).toBe('commander.helpDisplayed');
    expect(run.stdout).toMatch(/--scp <file\.\.\.>/);
    expect(run.stdout).toMatch(/arn:aws:sts::ACCOUNT:assumed-role\/ROLE\/SESSION/);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 {2}allowed\n {2}1 {2}denied/);
  });
});

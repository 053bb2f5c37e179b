import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandRun, runCommand } from '../testing/run-command.js';
import { registerPolicyCommands } from './policy.js';

/** Runs `trailwarden <argv>` in process with captured output; `stdin` feeds `-`. */
function runPolicy(argv: readonly string[], cwd: string, stdin = ''): Promise<CommandRun> {
  return runCommand(registerPolicyCommands, argv, { cwd, stdin });
}

const ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }],
};
const READ = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::example-bucket/*' }],
};
const READ_WRITE = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::example-bucket/*' },
  ],
};
const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::example-bucket/*',
    },
  ],
};

let dir = '';
const files: Record<string, string> = {
  'admin.json': JSON.stringify(ADMIN),
  'read.json': JSON.stringify(READ, null, 2),
  'read-write.json': JSON.stringify(READ_WRITE),
  'bad-effect.json': JSON.stringify({ Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] }),
  'not-json.json': '{"Statement": [',
  'empty.json': '\n',
  'get-policy-version.json': JSON.stringify({
    PolicyVersion: {
      Document: ADMIN,
      VersionId: 'v2',
      IsDefaultVersion: true,
      CreateDate: '2024-05-01T10:00:00Z',
    },
  }),
  'get-bucket-policy.json': JSON.stringify({ Policy: JSON.stringify(BUCKET_POLICY) }),
  'describe-policy.json': JSON.stringify({
    Policy: {
      PolicySummary: { Id: 'p-examplepolicyid111', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY' },
      Content: JSON.stringify(ADMIN),
    },
  }),
  'get-role.json': JSON.stringify({
    Role: {
      RoleName: 'deployer',
      Arn: 'arn:aws:iam::111122223333:role/deployer',
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        }),
      ),
    },
  }),
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trailwarden-policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('policy check', () => {
  it.each<[string, readonly string[], number, RegExp, string?]>([
    [
      'admin policy',
      ['admin.json'],
      1,
      /admin\.json: 1 risky grant, including administrator access\n {2}\[admin\] Statement\[0\] \(All\): Allow \* on \*/,
    ],
    ['clean policy', ['read.json'], 0, /^read\.json: no risky grants\n$/],
    ['aws iam get-policy-version output', ['get-policy-version.json'], 1, /\[admin\]/],
    ['aws iam get-role output with a URL-encoded trust policy', ['get-role.json'], 1, /\[public-principal\]/],
    ['aws organizations describe-policy output', ['describe-policy.json'], 1, /\[admin\]/],
    ['cross-account needs --account', ['get-bucket-policy.json'], 0, /no risky grants/],
    [
      'cross-account with --account',
      ['get-bucket-policy.json', '--account', '111122223333'],
      1,
      /\[cross-account-principal\] Statement\[0\] \(PartnerRead\)/,
    ],
    [
      'allowed account is trusted',
      ['get-bucket-policy.json', '--account', '111122223333', '--allowed-account', '444455556666'],
      0,
      /no risky grants/,
    ],
    ['standard input', ['-'], 1, /^-: 1 risky grant/, encodeURIComponent(JSON.stringify(ADMIN))],
  ])('%s', async (_name, args, code, stdout, stdin) => {
    // Act
    const run = await runPolicy(['policy', 'check', ...args], dir, stdin);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(stdout);
    expect(run.code).toBe(code);
  });

  it('prints the report as JSON with --format json', async () => {
    // Act
    const run = await runPolicy(['policy', 'check', 'admin.json', '--format', 'json'], dir);

    // Assess
    const report: unknown = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      file: 'admin.json',
      admin: true,
      grants: [{ kind: 'admin', statement: 0, sid: 'All' }],
    });
    expect(run.code).toBe(1);
  });

  it.each<[string, readonly string[], RegExp]>([
    [
      'a malformed policy names the element',
      ['bad-effect.json'],
      /bad-effect\.json is not a valid policy \(at Statement\[0\]\.Effect\): .*"Allow" or "Deny"/,
    ],
    [
      'text that is not JSON',
      ['not-json.json'],
      /not-json\.json is not a valid policy: policy document is not valid JSON/,
    ],
    [
      'an empty file',
      ['empty.json'],
      /empty\.json is not a valid policy: policy document is an empty string/,
    ],
    ['a missing file', ['missing.json'], /cannot read missing\.json: ENOENT/],
    ['an unknown format', ['admin.json', '--format', 'yaml'], /--format must be text or json, got "yaml"/],
    ['a bad account id', ['admin.json', '--account', '1234'], /account ids are 12 digits, got "1234"/],
  ])('exits 2 for %s', async (_name, args, stderr) => {
    // Act
    const run = await runPolicy(['policy', 'check', ...args], dir);

    // Assess
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.code).toBe(2);
  });

  it('leaves a missing argument to commander', async () => {
    const run = await runPolicy(['policy', 'check'], dir);
    expect(run.commander).toBe('commander.missingArgument');
    expect(run.stderr).toMatch(/missing required argument 'file'/);
  });

  it('documents the exit codes in --help', async () => {
    const run = await runPolicy(['policy', 'check', '--help'], dir);
    expect(run.commander).toBe('commander.helpDisplayed');
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 {2}nothing risky/);
  });
});

describe('policy diff', () => {
  it.each<[string, readonly string[], number, RegExp, string?]>([
    [
      'same document',
      ['read.json', 'read.json'],
      0,
      /^read\.json: grants nothing that read\.json did not\n$/,
    ],
    ['narrower document', ['read-write.json', 'read.json'], 0, /grants nothing/],
    [
      'wider document',
      ['read.json', 'read-write.json'],
      1,
      /grants more than read\.json\nadded permissions:\n {2}s3:PutObject on arn:aws:s3:::example-bucket\/\* \(Statement\[0\]\)\n$/,
    ],
    [
      'to admin',
      ['read.json', 'get-policy-version.json'],
      1,
      /added risky grants:\n {2}\[admin\] Statement\[0\] \(All\)/,
    ],
    [
      'empty old file means no previous document',
      ['empty.json', 'read.json'],
      1,
      /added permissions:\n {2}s3:GetObject/,
    ],
    [
      'new principal',
      ['read.json', 'get-bucket-policy.json', '--account', '111122223333'],
      1,
      /added principals:\n {2}arn:aws:iam::444455556666:root/,
    ],
    ['standard input as NEW', ['read.json', '-'], 0, /grants nothing/, JSON.stringify(READ)],
  ])('%s', async (_name, args, code, stdout, stdin) => {
    // Act
    const run = await runPolicy(['policy', 'diff', ...args], dir, stdin);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(stdout);
    expect(run.code).toBe(code);
  });

  it('prints the report as JSON with --format json', async () => {
    // Act
    const run = await runPolicy(['policy', 'diff', 'read.json', 'read-write.json', '--format', 'json'], dir);

    // Assess
    expect(JSON.parse(run.stdout)).toEqual({
      old: 'read.json',
      new: 'read-write.json',
      widened: true,
      addedGrants: [],
      addedPermissions: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::example-bucket/*', statement: 0 }],
      addedPrincipals: [],
      removedRestrictions: [],
    });
    expect(run.code).toBe(1);
  });

  it.each<[string, readonly string[], RegExp]>([
    ['both on standard input', ['-', '-'], /only one of OLD and NEW can be standard input/],
    [
      'a malformed new document',
      ['read.json', 'bad-effect.json'],
      /bad-effect\.json is not a valid policy \(at Statement\[0\]\.Effect\)/,
    ],
    ['a missing old document', ['missing.json', 'read.json'], /cannot read missing\.json/],
  ])('exits 2 for %s', async (_name, args, stderr) => {
    // Act
    const run = await runPolicy(['policy', 'diff', ...args], dir);

    // Assess
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.code).toBe(2);
  });
});

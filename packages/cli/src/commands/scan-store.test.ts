import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalDynamoDb, startDynalite, startDynamoDbLocal } from '@trailwarden/testing';
import { startLocalHttpServer } from '@trailwarden/testing/local-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDynamoDb } from '../store/embedded-dynamodb.js';
import { run } from '../testing/run-cli.js';

const inputs = fileURLToPath(new URL('../input/fixtures/', import.meta.url));
const scanFixtures = fileURLToPath(new URL('../scan/fixtures/', import.meta.url));
const trail = join(inputs, 'cloudtrail-log.json');
const fixture = (name: string) => join(scanFixtures, name);

/** Console alerts start with the severity label padded to ten columns. */
const alertHeadlines = (err: string) =>
  err.split('\n').filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s/.test(line));

describe('trailwarden scan with a findings store', () => {
  let temp: string;
  const dir = (name: string) => mkdtempSync(join(temp, `${name}-`));

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'trailwarden-scan-store-'));
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('records into .trailwarden/ in the working directory; a second scan records and alerts nothing new', async () => {
    // Prepare
    const cwd = dir('default');
    // Act
    const first = await run(['scan', trail], { cwd });
    const second = await run(['scan', trail], { cwd });
    // Assess
    expect(existsSync(join(cwd, '.trailwarden', 'dynamodb'))).toBe(true);
    expect(readFileSync(join(cwd, '.trailwarden', '.gitignore'), 'utf8')).toContain('*');
    expect(first.code).toBe(1);
    expect(first.err).toContain(
      `recorded in embedded store in ${join(cwd, '.trailwarden')}: 2 new, 0 repeats`,
    );
    expect(first.err).toContain('alerted: 2 via console');
    expect(alertHeadlines(first.err)).toHaveLength(2);
    expect(second.code).toBe(1);
    expect(second.out).toBe(first.out);
    expect(second.err).toContain(': 0 new, 0 repeats (inside a dedupe window), 2 already recorded');
    expect(second.err).toContain('alerted: 0 via console');
    expect(alertHeadlines(second.err)).toEqual([]);
  });

  it('keeps stdout machine-readable: alerts go to stderr', async () => {
    // Prepare
    const env = { TRAILWARDEN_DATA_DIR: dir('stdout') };
    // Act
    const { json, err } = await run(['scan', trail, '--format', 'jsonl'], { cwd: inputs, env });
    // Assess
    expect(json().map((finding) => finding.ruleId)).toEqual([
      'root-console-login',
      's3-bucket-policy-public',
    ]);
    expect(alertHeadlines(err)).toEqual([
      expect.stringMatching(/^CRITICAL\s+Root user signed in to the console.*\[root-console-login\]$/),
      expect.stringMatching(/^CRITICAL\s+.*\[s3-bucket-policy-public\]$/),
    ]);
  });

  it('uses TRAILWARDEN_DATA_DIR, and --data-dir over it', async () => {
    // Prepare
    const [fromEnv, fromFlag] = [dir('env'), dir('flag')];
    // Act
    await run(['scan', trail], { cwd: inputs, env: { TRAILWARDEN_DATA_DIR: fromEnv } });
    const flagged = await run(['scan', trail, '--data-dir', fromFlag], {
      cwd: inputs,
      env: { TRAILWARDEN_DATA_DIR: fromEnv },
    });
    // Assess
    expect(flagged.err).toContain(`recorded in embedded store in ${fromFlag}: 2 new`);
    expect(existsSync(join(fromEnv, 'dynamodb'))).toBe(true);
  });

  it('--no-console-alerts records without printing alerts', async () => {
    // Act
    const { err } = await run(['scan', trail, '--no-console-alerts', '--data-dir', dir('quiet')], {
      cwd: inputs,
    });
    // Assess
    expect(alertHeadlines(err)).toEqual([]);
    expect(err).toContain('alerted: 0 (no alert channel)');
  });

  it.each([
    {
      format: 'asff',
      check: (f: Record<string, unknown>) => f.SchemaVersion === '2018-10-08' && f.GeneratorId,
    },
    { format: 'ocsf', check: (f: Record<string, unknown>) => f.class_uid === 2004 && f.finding_info },
  ])('--format $format writes one converted finding per line', async ({ format, check }) => {
    // Act
    const { json, code } = await run(['scan', trail, '--format', format, '--store', 'memory'], {
      cwd: inputs,
    });
    // Assess
    expect(code).toBe(1);
    expect(json()).toHaveLength(2);
    for (const finding of json()) expect(check(finding)).toBeTruthy();
  });

  it('applies suppressions: recorded as suppressed, not reported, not alerted; expired ones are announced', async () => {
    // Prepare
    const dataDir = dir('suppress');
    // Act
    const scan = await run(
      ['scan', trail, '--settings', fixture('settings-suppress-root.yaml'), '--data-dir', dataDir],
      { cwd: inputs },
    );
    const suppressed = await run(['findings', 'list', '--status', 'suppressed', '--data-dir', dataDir]);
    // Assess
    expect(scan.json().map((f) => f.ruleId)).toEqual(['s3-bucket-policy-public']);
    expect(scan.err).toContain('1 suppressed (not reported)');
    expect(alertHeadlines(scan.err)).toEqual([expect.stringContaining('[s3-bucket-policy-public]')]);
    expect(scan.err).toContain(
      'warning: suppression old-website-exception (owner web-team) expired at 2020-06-30T00:00:00Z and no longer applies',
    );
    expect(suppressed.json().map((f) => [f.ruleId, (f.suppression as { id: string }).id])).toEqual([
      ['root-console-login', 'break-glass-drill'],
    ]);
  });

  it('lowers the severity of findings caused by deploy roles', async () => {
    // Act
    const { json } = await run(
      [
        'scan',
        fixture('deploy-role-bucket-policy.json'),
        '--settings',
        fixture('settings-deploy-lowering.yaml'),
      ],
      { cwd: inputs, env: { TRAILWARDEN_DATA_DIR: dir('deploy') } },
    );
    // Assess
    const [finding] = json();
    expect(finding?.severity).toBe('medium');
    expect((finding?.context as Record<string, unknown> | undefined)?.severityAdjustment).toMatchObject({
      from: 'critical',
      to: 'medium',
    });
  });

  it('loads trailwarden.config.yaml from the working directory unless --no-settings', async () => {
    // Prepare
    const cwd = dir('config');
    copyFileSync(fixture('settings-suppress-root.yaml'), join(cwd, 'trailwarden.config.yaml'));
    // Act
    const loaded = await run(['scan', trail, '--store', 'memory'], { cwd });
    const ignored = await run(['scan', trail, '--store', 'memory', '--no-settings'], { cwd });
    // Assess
    expect(loaded.err).toContain('settings: trailwarden.config.yaml');
    expect(loaded.json()).toHaveLength(1);
    expect(ignored.err).not.toContain('settings:');
    expect(ignored.json()).toHaveLength(2);
  });

  it.each([
    {
      name: 'every severity by default',
      settings: 'settings-deploy-lowering.yaml',
      args: [],
      reported: 3,
      alerted: 3,
    },
    {
      name: 'alerts.console.minSeverity',
      settings: 'settings-console-critical.yaml',
      args: [],
      reported: 3,
      alerted: 2,
    },
    {
      name: '--min-severity',
      settings: 'settings-deploy-lowering.yaml',
      args: ['--min-severity', 'high'],
      reported: 2,
      alerted: 2,
    },
  ])('routes console alerts by severity: $name', async ({ settings, args, reported, alerted }) => {
    // Act: two critical findings and one lowered to medium.
    const { json, err } = await run(
      [
        'scan',
        fixture('deploy-role-bucket-policy.json'),
        trail,
        '--store',
        'memory',
        '--settings',
        fixture(settings),
        ...args,
      ],
      { cwd: inputs },
    );
    // Assess
    expect(json()).toHaveLength(reported);
    expect(alertHeadlines(err)).toHaveLength(alerted);
  });

  it('posts to the Slack webhook the settings name through an environment variable, from its minimum severity', async () => {
    // Prepare
    const slack = await startLocalHttpServer();
    const settings = ['--settings', fixture('settings-slack-env.yaml')];
    const inputsOf = [fixture('deploy-role-bucket-policy.json'), trail];
    try {
      // Act
      const posted = await run(
        ['scan', ...inputsOf, ...settings, '--store', 'memory', '--no-console-alerts'],
        {
          cwd: inputs,
          env: { TEST_SLACK_WEBHOOK_URL: `${slack.url}/services/T1/B1/secret` },
        },
      );
      const unset = await run(['scan', ...inputsOf, ...settings, '--store', 'memory'], { cwd: inputs });
      // Assess
      expect(posted.err).toContain('alerted: 2 via slack');
      expect(slack.requests.map((r) => r.path)).toEqual(['/services/T1/B1/secret', '/services/T1/B1/secret']);
      expect(unset.code).toBe(2);
      expect(unset.out).toBe('');
      expect(unset.err).toContain(
        'alerts.slack.webhookUrlEnv names TEST_SLACK_WEBHOOK_URL, which is not set',
      );
    } finally {
      await slack.close();
    }
  });

  it.each([
    {
      name: 'a topic that is not an SNS ARN',
      args: ['--sns-topic', 'trailwarden-alerts'],
      message: '--sns-topic "trailwarden-alerts" is not an SNS topic ARN',
    },
    {
      name: 'a webhook over plain http (the URL itself is never echoed)',
      args: ['--slack-webhook', 'http://hooks.example.com/services/T0/B0/secret-token'],
      message: 'Slack webhook URL must use https',
    },
  ])('refuses $name before reading anything', async ({ args, message }) => {
    // Act
    const { code, out, err } = await run(['scan', trail, '--store', 'memory', ...args], { cwd: inputs });
    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).not.toContain('secret-token');
    expect(err).not.toContain('scanned');
  });

  describe.each([
    { server: 'dynalite', start: startDynalite },
    { server: 'DynamoDB Local', start: () => startDynamoDbLocal() },
  ])('--store dynamodb on $server', ({ start }) => {
    let server: LocalDynamoDb;

    beforeAll(async () => {
      server = await start();
    }, 90_000);

    afterAll(async () => {
      await server.stop();
    });

    it('creates the table at --endpoint and records there; AWS_ENDPOINT_URL_DYNAMODB works the same', async () => {
      // Act
      const scanned = await run(['scan', trail, '--endpoint', server.endpoint, '--table', 'scan-test'], {
        cwd: inputs,
      });
      const again = await run(['scan', trail, '--endpoint', server.endpoint, '--table', 'scan-test'], {
        cwd: inputs,
      });
      const listed = await run(['findings', 'list', '--store', 'dynamodb', '--table', 'scan-test'], {
        env: { AWS_ENDPOINT_URL_DYNAMODB: server.endpoint },
      });
      // Assess
      expect(scanned.err).toContain(`recorded in DynamoDB table scan-test at ${server.endpoint}: 2 new`);
      expect(again.err).toContain(': 0 new, 0 repeats (inside a dedupe window), 2 already recorded');
      expect(listed.code).toBe(0);
      expect(
        listed
          .json()
          .map((f) => f.ruleId)
          .sort(),
      ).toEqual(['root-console-login', 's3-bucket-policy-public']);
    });
  });

  it('refuses a data directory another command holds, before reading anything', async () => {
    // Prepare
    const dataDir = dir('locked');
    const holder = await startEmbeddedDynamoDb(dataDir);
    try {
      // Act
      const { code, out, err } = await run(['scan', trail, '--data-dir', dataDir], { cwd: inputs });
      // Assess
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(
        `trailwarden: the data directory ${dataDir} is in use by another trailwarden command`,
      );
      expect(err).not.toContain('scanned');
    } finally {
      await holder.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../testing/run-cli.js';

const inputs = fileURLToPath(new URL('../input/fixtures/', import.meta.url));
const scanFixtures = fileURLToPath(new URL('../scan/fixtures/', import.meta.url));

interface Listed {
  readonly id: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly status: string;
  readonly account: string;
  readonly resources: readonly string[];
  readonly history: readonly { from: string; to: string; by: string; reason?: string }[];
  readonly suppression?: { id: string; owner: string; reason: string; expires: string };
}

describe('trailwarden findings', () => {
  let temp: string;
  /** A data directory holding what scanning cloudtrail-log.json and the deploy-role record recorded. */
  const scanned = async (name: string) => {
    const dataDir = mkdtempSync(join(temp, `${name}-`));
    const { code } = await run(
      [
        'scan',
        'cloudtrail-log.json',
        join(scanFixtures, 'deploy-role-bucket-policy.json'),
        '--settings',
        join(scanFixtures, 'settings-deploy-lowering.yaml'),
        '--no-console-alerts',
        '--data-dir',
        dataDir,
      ],
      { cwd: inputs },
    );
    expect(code).toBe(1);
    const list = await run(['findings', 'list', '--format', 'jsonl', '--data-dir', dataDir]);
    const byRule = new Map(
      (list.json() as unknown as Listed[]).map((f) => [`${f.ruleId}/${f.severity}`, f.id]),
    );
    return { dataDir, ids: byRule };
  };
  let shared: Awaited<ReturnType<typeof scanned>>;
  const findings = (args: readonly string[], dataDir = shared.dataDir) =>
    run(['findings', ...args, '--data-dir', dataDir], { env: { USER: 'alice' } });
  const idOf = (key: string, ids = shared.ids) => ids.get(key) ?? `missing ${key}`;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'trailwarden-findings-'));
    shared = await scanned('shared');
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  describe('list', () => {
    it.each([
      {
        name: 'everything',
        args: [],
        rules: ['root-console-login', 's3-bucket-policy-public', 's3-bucket-policy-public'],
      },
      { name: '--severity', args: ['--severity', 'medium'], rules: ['s3-bucket-policy-public'] },
      {
        name: '--status open',
        args: ['--status', 'open'],
        rules: ['root-console-login', 's3-bucket-policy-public', 's3-bucket-policy-public'],
      },
      { name: '--status resolved', args: ['--status', 'resolved'], rules: [] },
      {
        name: '--account',
        args: ['--account', '111122223333'],
        rules: ['root-console-login', 's3-bucket-policy-public', 's3-bucket-policy-public'],
      },
      { name: 'another --account', args: ['--account', '444455556666'], rules: [] },
      {
        name: '--resource',
        args: ['--resource', 'arn:aws:s3:::example-website-bucket'],
        rules: ['s3-bucket-policy-public'],
      },
    ])('filters: $name', async ({ args, rules }) => {
      // Act
      const { code, json } = await findings(['list', '--format', 'jsonl', ...args]);
      // Assess
      expect(code).toBe(0);
      expect(
        json()
          .map((f) => f.ruleId)
          .sort(),
      ).toEqual(rules);
    });

    it('pages with --limit and prints the cursor for the next page on stderr', async () => {
      // Act
      const first = await findings(['list', '--format', 'jsonl', '--limit', '2']);
      const cursor = /--cursor (\S+)/.exec(first.err)?.[1] ?? '';
      const second = await findings(['list', '--format', 'jsonl', '--limit', '2', '--cursor', cursor]);
      // Assess
      expect(first.json()).toHaveLength(2);
      expect(second.json()).toHaveLength(1);
      expect(second.err).toBe('');
      const ids = [...first.json(), ...second.json()].map((f) => f.id);
      expect(new Set(ids).size).toBe(3);
    });

    it('table: the full id first, then severity, status, last seen, count, rule', async () => {
      // Act
      const { out } = await run(['findings', 'list', '--format', 'table', '--data-dir', shared.dataDir], {
        columns: 220,
      });
      // Assess
      const lines = out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+STATUS\s+LAST SEEN\s+COUNT\s+RULE\s+RESOURCE\s+SUMMARY$/);
      expect(lines).toHaveLength(4);
      expect(
        lines.slice(1).every((line) => /^[0-9a-f]{32}\s+(critical|medium)\s+open\s+2024-03-04T/.test(line)),
      ).toBe(true);
    });

    it.each(['json', 'asff', 'ocsf'])('--format %s', async (format) => {
      // Act
      const { code, out } = await findings(['list', '--format', format]);
      // Assess
      expect(code).toBe(0);
      const parsed =
        format === 'json'
          ? (JSON.parse(out) as unknown[])
          : out
              .trimEnd()
              .split('\n')
              .map((l) => JSON.parse(l));
      expect(parsed).toHaveLength(3);
    });
  });

  describe('show', () => {
    it.each([
      {
        format: 'json',
        check: (f: Record<string, unknown>) => f.status === 'open' && typeof f.runbook === 'string',
      },
      { format: 'asff', check: (f: Record<string, unknown>) => f.GeneratorId === 'root-console-login' },
      { format: 'ocsf', check: (f: Record<string, unknown>) => typeof f.finding_info === 'object' },
    ])('--format $format', async ({ format, check }) => {
      // Act
      const { code, out } = await findings(['show', idOf('root-console-login/critical'), '--format', format]);
      // Assess
      expect(code).toBe(0);
      expect(check(JSON.parse(out) as Record<string, unknown>)).toBe(true);
    });

    it('2 for an unknown id', async () => {
      // Act
      const { code, err } = await findings(['show', '0123456789abcdef0123456789abcdef']);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain('trailwarden: finding 0123456789abcdef0123456789abcdef not found');
    });
  });

  describe('lifecycle', () => {
    it('ack then resolve, each kept in the history with who and why', async () => {
      // Prepare
      const { dataDir, ids } = await scanned('lifecycle');
      const id = idOf('root-console-login/critical', ids);
      // Act
      const acked = await findings(['ack', id, '--reason', 'looking into it'], dataDir);
      const resolved = await findings(['resolve', id, '--by', 'bob', '--format', 'json'], dataDir);
      // Assess
      expect(acked.code).toBe(0);
      expect(acked.out).toMatch(new RegExp(`^finding ${id}: open → acknowledged · Root user signed in`));
      const finding = JSON.parse(resolved.out) as Listed;
      expect(finding.status).toBe('resolved');
      expect(finding.history.map((h) => [h.from, h.to, h.by, h.reason])).toEqual([
        ['open', 'acknowledged', 'alice', 'looking into it'],
        ['acknowledged', 'resolved', 'bob', undefined],
      ]);
    });

    it('refuses an invalid transition with the store message and exit 2', async () => {
      // Prepare
      const { dataDir, ids } = await scanned('invalid');
      const id = idOf('s3-bucket-policy-public/critical', ids);
      await findings(['resolve', id], dataDir);
      // Act
      const { code, err, out } = await findings(['ack', id], dataDir);
      // Assess
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(new RegExp(`^trailwarden: finding ${id}.*resolved.*acknowledged`));
    });

    it('suppress records owner, reason and expiry', async () => {
      // Prepare
      const { dataDir, ids } = await scanned('suppress');
      const id = idOf('s3-bucket-policy-public/medium', ids);
      // Act
      const { code, out } = await findings(
        ['suppress', id, '--owner', 'web-team', '--reason', 'website bucket', '--expires', '2099-12-31'],
        dataDir,
      );
      const shown = await findings(['show', id], dataDir);
      // Assess
      expect(code).toBe(0);
      expect(out).toContain('open → suppressed until 2099-12-31T00:00:00Z (owner web-team)');
      expect((JSON.parse(shown.out) as Listed).suppression).toMatchObject({
        owner: 'web-team',
        reason: 'website bucket',
        expires: '2099-12-31T00:00:00Z',
      });
    });

    it.each([
      {
        name: 'no --owner',
        args: ['--reason', 'r', '--expires', '2099-01-01'],
        message: "required option '--owner <name>'",
      },
      {
        name: 'no --reason',
        args: ['--owner', 'o', '--expires', '2099-01-01'],
        message: "required option '--reason <text>'",
      },
      {
        name: 'no --expires',
        args: ['--owner', 'o', '--reason', 'r'],
        message: "required option '--expires <date>'",
      },
      {
        name: 'an empty owner',
        args: ['--owner', ' ', '--reason', 'r', '--expires', '2099-01-01'],
        message: 'it is empty',
      },
      {
        name: 'a past expiry',
        args: ['--owner', 'o', '--reason', 'r', '--expires', '2020-01-01'],
        message: '2020-01-01T00:00:00Z is not in the future',
      },
      {
        name: 'not a date',
        args: ['--owner', 'o', '--reason', 'r', '--expires', 'next week'],
        message: 'expected an ISO-8601 date or date-time',
      },
      {
        name: 'an impossible date',
        args: ['--owner', 'o', '--reason', 'r', '--expires', '2099-02-30'],
        message: 'expected an ISO-8601 date or date-time',
      },
    ])('suppress needs owner, reason and a future expiry: $name', async ({ args, message }) => {
      // Act
      const { code, err } = await findings(['suppress', idOf('root-console-login/critical'), ...args]);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain(message);
    });
  });

  describe('store errors', () => {
    it('2 when the embedded store does not exist, without creating it', async () => {
      // Prepare
      const missing = join(temp, 'never-scanned');
      // Act
      const { code, err } = await findings(['list'], missing);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain(`there is no embedded store in ${missing}`);
      expect(err).toContain('run `trailwarden scan` first');
    });

    it('2 for --store memory, which holds nothing between commands', async () => {
      // Act
      const { code, err } = await run(['findings', 'list', '--store', 'memory']);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain('--store memory keeps nothing between commands');
    });
  });
});

import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { type FakeIoOptions, fakeIo } from '../testing/fake-io.js';

const inputs = fileURLToPath(new URL('../input/fixtures/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const settingsFile = (name: string) => join(fixtures, name);

interface Printed {
  readonly ruleId: string;
  readonly severity: string;
  readonly category: string;
  readonly source?: { readonly file: string; readonly index: number };
}

/**
 * Runs `trailwarden scan …` in process with the input fixtures as working directory. These
 * tests are about detection and output, so they use the memory store (nothing is written to
 * the fixtures folder); scan-store.test.ts covers the stores.
 */
async function scan(args: readonly string[], options: FakeIoOptions = {}) {
  const io = fakeIo({ cwd: inputs, ...options });
  const code = await runCli(['scan', ...args, '--store', 'memory'], io);
  const out = io.out();
  // JSON Lines output, the default when stdout is not a terminal.
  const lines = out.startsWith('{') ? out.trimEnd().split('\n') : [];
  const findings = lines.map((line) => JSON.parse(line) as Printed);
  return { code, out, err: io.err(), findings };
}

const located = (findings: readonly Printed[]) =>
  findings.map((f) => [f.ruleId, f.source?.file, f.source?.index]);

describe('trailwarden scan', () => {
  let temp: string;

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'trailwarden-scan-'));
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it.each([
    {
      file: 'cloudtrail-log.json',
      found: [
        ['root-console-login', 0],
        ['s3-bucket-policy-public', 2],
      ],
    },
    {
      file: 'cloudtrail-log-pretty.json',
      found: [
        ['root-console-login', 0],
        ['s3-bucket-policy-public', 2],
      ],
    },
    {
      file: 'records.json',
      found: [
        ['root-console-login', 0],
        ['s3-bucket-policy-public', 2],
      ],
    },
    { file: 'eventbridge-event.json', found: [['s3-bucket-policy-public', 0]] },
    { file: 'lookup-events.json', found: [['root-console-login', 0]] },
    {
      file: 'records-with-bad-line.jsonl',
      found: [
        ['root-console-login', 0],
        ['s3-bucket-policy-public', 3],
      ],
    },
  ])('finds what $file holds and says where each finding came from', async ({ file, found }) => {
    // Act
    const { findings } = await scan([file]);
    // Assess
    expect(located(findings)).toEqual(found.map(([rule, index]) => [rule, file, index]));
  });

  it('reads piped standard input when no path is given', async () => {
    // Prepare
    const stdin = readFileSync(join(inputs, 'lookup-events.json'));
    // Act
    const { code, findings, err } = await scan([], { stdin });
    // Assess
    expect(code).toBe(1);
    expect(located(findings)).toEqual([['root-console-login', '<stdin>', 0]]);
    expect(err).toContain('scanned 1 file, 2 records');
  });

  it('learns state from earlier records, across files', async () => {
    // Act: the trail's creation (first file) makes its bucket a known trail destination.
    const [both, alone, declared] = [
      await scan(['state'], { cwd: fixtures }),
      await scan(['state/2-lifecycle.json'], { cwd: fixtures }),
      await scan(['state/2-lifecycle.json', '--settings', 'settings-trail-bucket.yaml'], { cwd: fixtures }),
    ];
    // Assess
    expect(located(both.findings)).toEqual([
      ['cloudtrail-bucket-tampering', join('state', '2-lifecycle.json'), 0],
    ]);
    expect(alone.findings).toEqual([]);
    expect(located(declared.findings)).toEqual([
      ['cloudtrail-bucket-tampering', 'state/2-lifecycle.json', 0],
    ]);
  });

  describe('exit codes', () => {
    it.each([
      { name: 'findings at or above the default --fail-on low', args: ['cloudtrail-log.json'], code: 1 },
      { name: '--fail-on none', args: ['cloudtrail-log.json', '--fail-on', 'none'], code: 0 },
      {
        name: 'critical findings with --fail-on critical',
        args: ['cloudtrail-log.json', '--fail-on', 'critical'],
        code: 1,
      },
      { name: 'no finding', args: [join(fixtures, 'state', '2-lifecycle.json')], code: 0 },
      {
        name: 'findings below --fail-on (root sign-in lowered to low, public policy rule disabled)',
        args: [
          'cloudtrail-log.json',
          '--settings',
          settingsFile('settings-trail-bucket.yaml'),
          '--fail-on',
          'medium',
        ],
        code: 0,
      },
      {
        name: 'findings at --fail-on that --min-severity hides',
        args: [
          'cloudtrail-log.json',
          '--settings',
          settingsFile('settings-trail-bucket.yaml'),
          '--min-severity',
          'medium',
        ],
        code: 0,
      },
      { name: 'malformed records only', args: ['not-json.txt'], code: 0 },
      { name: 'an unknown output format', args: ['cloudtrail-log.json', '--format', 'xml'], code: 2 },
      { name: 'an unknown severity', args: ['cloudtrail-log.json', '--fail-on', 'severe'], code: 2 },
      { name: 'an unknown flag', args: ['cloudtrail-log.json', '--since', 'yesterday'], code: 2 },
    ])('$code for $name', async ({ args, code }) => {
      // Act
      const result = await scan(args);
      // Assess
      expect(result.code).toBe(code);
    });

    it('2 with a message naming the path when a path cannot be read, before reading anything', async () => {
      // Act
      const { code, err, out } = await scan(['cloudtrail-log.json', 'no/such/trail.json.gz']);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain('trailwarden: cannot read no/such/trail.json.gz: no such file or directory');
      expect(out).toBe('');
    });

    it('2 when a file inside a directory cannot be read, after scanning the others', async () => {
      // Prepare: a dangling link is listed by the walk but cannot be opened.
      const dir = mkdtempSync(join(temp, 'dangling-'));
      writeFileSync(join(dir, 'a.json'), readFileSync(join(inputs, 'cloudtrail-log.json')));
      symlinkSync(join(dir, 'gone.json'), join(dir, 'b.json'));
      // Act
      const { code, err, findings } = await scan([dir]);
      // Assess
      expect(code).toBe(2);
      expect(findings).toHaveLength(2);
      expect(err).toContain('unreadable: 1 file');
      expect(err).toContain(`${join(dir, 'b.json')}:0: cannot read`);
    });

    it('2 when there is nothing to scan: no path and standard input is a terminal', async () => {
      // Act
      const { code, err } = await scan([], { tty: { stdin: true } });
      // Assess
      expect(code).toBe(2);
      expect(err).toContain('nothing to scan');
    });

    it('2 for an unknown rule id, with a suggestion and how to list the ids', async () => {
      // Act
      const { code, err } = await scan(['cloudtrail-log.json', '--rule', 'root-login']);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain("argument 'root-login' is invalid");
      expect(err).toContain('Did you mean root-console-login?');
      expect(err).toContain('trailwarden rules list');
    });

    it('2 for an unknown category, listing the vocabulary', async () => {
      // Act
      const { code, err } = await scan(['cloudtrail-log.json', '--category', 's3_public']);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain('unknown category. Categories: root_activity, console_login_without_mfa');
    });

    it('2 when --rule and --category select no rule together', async () => {
      // Act
      const { code, err } = await scan([
        'cloudtrail-log.json',
        '--rule',
        'root-console-login',
        '--category',
        'network_change',
      ]);
      // Assess
      expect(code).toBe(2);
      expect(err).toContain(
        'no rule is both among --rule root-console-login and in --category network_change',
      );
    });
  });

  describe('filters', () => {
    it.each([
      { name: 'one --rule', args: ['--rule', 'root-console-login'], rules: ['root-console-login'] },
      {
        name: 'repeated --rule',
        args: ['--rule', 'root-console-login', '--rule', 's3-bucket-policy-public'],
        rules: ['root-console-login', 's3-bucket-policy-public'],
      },
      { name: '--category', args: ['--category', 's3_public_exposure'], rules: ['s3-bucket-policy-public'] },
      {
        name: '--min-severity above a lowered severity',
        args: ['--min-severity', 'medium', '--settings', settingsFile('settings.json')],
        rules: ['root-console-login', 's3-bucket-policy-public'],
      },
      {
        name: '--min-severity with a severity lowered below it',
        args: ['--min-severity', 'high', '--settings', settingsFile('settings.json')],
        rules: ['s3-bucket-policy-public'],
      },
      {
        name: 'rules disabled in the settings',
        args: ['--settings', settingsFile('settings-trail-bucket.yaml')],
        rules: ['root-console-login'],
      },
    ])('$name', async ({ args, rules }) => {
      // Act
      const { findings } = await scan(['cloudtrail-log.json', ...args]);
      // Assess
      expect(findings.map((f) => f.ruleId)).toEqual(rules);
    });

    it('applies severity overrides from the settings', async () => {
      // Act
      const { findings } = await scan(['cloudtrail-log.json', '--settings', settingsFile('settings.json')]);
      // Assess
      expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
        ['root-console-login', 'medium'],
        ['s3-bucket-policy-public', 'critical'],
      ]);
    });
  });

  describe('settings errors name the file, the field and the problem', () => {
    it.each([
      {
        file: 'settings-invalid-field.yaml',
        messages: [
          'invalid settings in',
          'settings-invalid-field.yaml:',
          '  - line 2: allowedAccounts[0]: "12345" is invalid; expected a 12-digit AWS account id',
          '  - line 5: thresholds.consoleLoginFailures.count: 0 is too small; expected at least 1',
        ],
      },
      {
        file: 'settings-not-yaml.yaml',
        messages: ['settings-not-yaml.yaml:', 'not valid YAML', 'at line 2, column 1'],
      },
      {
        file: 'missing-settings.yaml',
        messages: ['cannot read settings file', 'missing-settings.yaml', 'ENOENT'],
      },
    ])('$file', async ({ file, messages }) => {
      // Act
      const { code, err, out } = await scan(['cloudtrail-log.json', '--settings', settingsFile(file)]);
      // Assess
      expect(code).toBe(2);
      expect(out).toBe('');
      for (const message of messages) expect(err).toContain(message);
    });
  });

  describe('output formats', () => {
    it('jsonl: one finding per line, keys in a fixed order, no runbook', async () => {
      // Act
      const { out } = await scan(['cloudtrail-log.json', '--format', 'jsonl']);
      // Assess
      const first = JSON.parse(out.split('\n')[0] ?? '') as Record<string, unknown>;
      expect(Object.keys(first)).toEqual([
        'id',
        'ruleId',
        'severity',
        'category',
        'title',
        'summary',
        'time',
        'account',
        'region',
        'eventSource',
        'eventName',
        'eventId',
        'actor',
        'resources',
        'context',
        'source',
        'dedupeKey',
        'remediation',
        'references',
      ]);
      expect(out.trimEnd().split('\n')).toHaveLength(2);
    });

    it('json: one array holding the same findings as jsonl', async () => {
      // Act
      const [json, jsonl] = [
        await scan(['cloudtrail-log.json', '--format', 'json']),
        await scan(['cloudtrail-log.json', '--format', 'jsonl']),
      ];
      // Assess
      expect(JSON.parse(json.out)).toEqual(jsonl.findings);
    });

    it('json: an empty array when nothing is found', async () => {
      // Act
      const { out } = await scan([join(fixtures, 'state', '2-lifecycle.json'), '--format', 'json']);
      // Assess
      expect(JSON.parse(out)).toEqual([]);
    });

    it('table: a header and one row per finding, cut to the terminal width', async () => {
      // Act
      const { out } = await scan(['cloudtrail-log.json', '--format', 'table'], { columns: 110 });
      // Assess
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^SEVERITY\s+TIME\s+RULE\s+SUMMARY$/);
      expect(lines[1]).toMatch(/^critical\s+2024-03-04T09:12:45Z\s+root-console-login\s+root signed in/);
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(110);
    });

    it('table: wide terminals get every column, colours when allowed', async () => {
      // Act
      const { out } = await scan(['cloudtrail-log.json', '--format', 'table'], {
        columns: 220,
        tty: { stdout: true },
      });
      // Assess
      const lines = out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^SEVERITY\s+TIME\s+RULE\s+ACCOUNT\/REGION\s+ACTOR\s+RESOURCE\s+SUMMARY$/);
      expect(lines[2]).toContain('111122223333/us-east-1');
      expect(lines[2]).toContain('s3:example-reports-bucket');
      expect(lines[2]?.startsWith('\u001b[1;31mcritical\u001b[0m')).toBe(true);
    });

    it.each([
      { tty: true, format: 'table' },
      { tty: false, format: 'jsonl' },
    ])('defaults to $format when stdout is a terminal: $tty', async ({ tty, format }) => {
      // Act
      const { out } = await scan(['cloudtrail-log.json'], { tty: { stdout: tty }, env: { NO_COLOR: '1' } });
      // Assess
      expect(out.startsWith('SEVERITY')).toBe(format === 'table');
      expect(out.startsWith('{')).toBe(format === 'jsonl');
    });
  });

  describe('summary on stderr', () => {
    it('counts files, records, parse errors with the first five reasons, findings by severity and category', async () => {
      // Prepare: malformed lines among good records; `[1,` yields its complete element `1` (not
      // an event) and then breaks off, so 11 items with 8 errors.
      const good = (JSON.parse(readFileSync(join(inputs, 'records.json'), 'utf8')) as unknown[]).map((r) =>
        JSON.stringify(r),
      );
      const lines = [
        good[0],
        '{"eventName":',
        'oops',
        good[1],
        '{"a":}',
        '[1,',
        '{"b":tru}',
        good[2],
        '{',
        '{"c"',
      ]
        .filter((line) => line !== undefined)
        .join('\n');
      const file = join(temp, 'mixed.jsonl');
      writeFileSync(file, `${lines}\n`);
      // Act
      const { err, findings } = await scan([file, 'eventbridge-event.json']);
      // Assess
      expect(findings).toHaveLength(3);
      expect(err).toMatch(
        /^scanned 2 files, 12 records in \d+\.\d\d s \([\d,]+ records\/s, peak RSS \d+ MB\)$/m,
      );
      expect(err).toContain('parse errors: 8');
      const quoted = err.split('\n').filter((line) => line.startsWith(`  ${file}:`));
      expect(quoted.map((line) => line.slice(file.length + 3).split(':')[0])).toEqual([
        '1',
        '2',
        '4',
        '5',
        '6',
      ]);
      expect(quoted[0]).toContain('incomplete JSON value on its line');
      expect(quoted[1]).toContain('unexpected text between JSON values');
      expect(err).toContain('  … and 3 more');
      expect(err).toContain('findings: 3 (critical 3, high 0, medium 0, low 0, info 0)');
      expect(err).toContain('by category: s3_public_exposure 2, root_activity 1');
    });

    it('reports records that do not normalize as parse errors', async () => {
      // Prepare
      const file = join(temp, 'not-events.jsonl');
      writeFileSync(file, '{"hello":"world"}\n[1,2]\n');
      // Act
      const { err, code } = await scan([file]);
      // Assess
      expect(code).toBe(0);
      expect(err).toContain('scanned 1 file, 3 records');
      expect(err).toContain('parse errors: 3');
      expect(err).toContain(`${file}:0: `);
    });
  });

  describe('progress', () => {
    it.each([
      { name: 'shows a bar when stderr is a terminal', tty: true, args: [], shown: true },
      { name: 'hides it with --no-progress', tty: true, args: ['--no-progress'], shown: false },
      { name: 'never shows it when stderr is not a terminal', tty: false, args: [], shown: false },
    ])('$name', async ({ tty, args, shown }) => {
      // Act
      const { err } = await scan(['cloudtrail-log.json', 'records.json', ...args], { tty: { stderr: tty } });
      // Assess
      expect(err.includes('scanning')).toBe(shown);
      expect(err).toContain('scanned 2 files, 6 records');
    });
  });
});

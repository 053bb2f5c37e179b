import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../testing/fake-io.js';
import { registerSettingsCommands } from './settings.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/settings-check/', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const NOW = new Date('2026-11-02T12:00:00Z');

async function settingsCheck(file: string, cwd = FIXTURES) {
  const io = fakeIo({ cwd });
  const program = new Command('trailwarden').exitOverride();
  registerSettingsCommands(program, io, () => NOW);
  for (const command of program.commands) command.exitOverride();
  await program.parseAsync(['settings', 'check', file], { from: 'user' });
  return { code: io.exitCode, out: io.out(), err: io.err() };
}

describe('trailwarden settings check', () => {
  it('prints ok and a summary of a valid file', async () => {
    // Act
    const { code, out, err } = await settingsCheck('valid.yaml');
    // Assess
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.split('\n')).toEqual([
      'ok: valid.yaml (1 expired suppression: renew or remove)',
      'rules disabled: vpc-changed',
      'severity overrides: root-activity → critical',
      'remediation: cloudtrail-logging-stopped auto',
      "dedupe windows: each rule's own; cloudtrail-logging-stopped 5 min",
      'deploy pipelines: severity lowered by 1',
      'suppressions: 2',
      '  ci-build-users: owner platform-team, expires 2027-01-31T00:00:00Z (in 89 days); rules iam-user-created; principals arn:aws:iam::444455556666:role/ci-*',
      '  old-sandbox: owner sandbox-team, expired 2026-10-01T00:00:00Z (no longer applies); accounts 444455556666',
      'alert channels: console ≥ info, slack ≥ medium (webhook from $SLACK_WEBHOOK_URL), email ≥ high to secops@example.com',
      '',
    ]);
  });

  it('reads .json files as JSON', async () => {
    // Act
    const { code, out } = await settingsCheck('valid.json');
    // Assess
    expect(code).toBe(0);
    expect(out).toContain('ok: valid.json\n');
    expect(out).toContain('severity overrides: root-activity → low\n');
    expect(out).toContain('alert channels: none\n');
  });

  it('accepts the sample file of the repository', async () => {
    // Act
    const { code, out } = await settingsCheck('trailwarden.config.sample.yaml', REPOSITORY);
    // Assess
    expect(code).toBe(0);
    expect(out.startsWith('ok: trailwarden.config.sample.yaml\n')).toBe(true);
  });

  it.each([
    {
      file: 'invalid.yaml',
      err: [
        'invalid settings in invalid.yaml:',
        '  - line 2: rules.root-activty: unknown rule id (did you mean "root-activity"?); expected a rule id from the catalog (see trailwarden rules list)',
        '  - line 7: suppressions[0].expires: "next week" is not a date-time; expected ISO-8601 like 2027-01-31T00:00:00Z',
        '',
      ].join('\n'),
    },
    {
      file: 'not-yaml.yaml',
      err: expect.stringMatching(
        /^invalid settings in not-yaml\.yaml:\n {2}- not valid YAML: .+ at line \d+, column \d+\n$/,
      ),
    },
    {
      file: 'missing.yaml',
      err: expect.stringMatching(/^trailwarden: cannot read settings file missing\.yaml: ENOENT/),
    },
  ])('$file: prints the problems and exits 2', async ({ file, err: expected }) => {
    // Act
    const { code, out, err } = await settingsCheck(file);
    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toEqual(expected);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../errors.js';
import { parseSettings, parseSettingsText, type SettingsFormat, settingsFormatOf } from './parse-settings.js';
import { DEFAULT_SETTINGS } from './settings-schema.js';

interface ErrorCase {
  readonly name: string;
  readonly format: SettingsFormat;
  readonly lines: readonly string[];
  /** The exact problems, in file order. */
  readonly errors?: readonly string[];
  /** Patterns for problems whose text holds generated parts (hashes, parser wording). */
  readonly errorsMatching?: readonly string[];
}

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const errorCases = JSON.parse(fixture('errors.json')) as ErrorCase[];

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error.issues;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('parseSettingsText: errors name the field, the value and what is expected', () => {
  it.each(errorCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    // Prepare
    const text = `${testCase.lines.join('\n')}\n`;
    // Act
    const problems = problemsOf(() => parseSettingsText(text, testCase.format, `case.${testCase.format}`));
    // Assess
    if (testCase.errors) expect(problems).toEqual(testCase.errors);
    if (testCase.errorsMatching) {
      expect(problems).toHaveLength(testCase.errorsMatching.length);
      for (const [index, pattern] of testCase.errorsMatching.entries()) {
        expect(problems[index]).toMatch(new RegExp(pattern));
      }
    }
  });

  it('the error message names the source and lists every problem', () => {
    // Prepare
    const text = 'dedupeWindowMinutes: lots\nalerts: {pager: {}}\n';
    // Act
    const run = () => parseSettingsText(text, 'yaml', 'trailwarden.config.yaml');
    // Assess
    expect(run).toThrow(SettingsError);
    expect(run).toThrow(
      'invalid settings in trailwarden.config.yaml:\n' +
        '  - line 1: dedupeWindowMinutes: "lots" is not a number of minutes; expected a whole number from 0 to 10080\n' +
        '  - line 2: alerts.pager: unknown key; expected one of console, sns, slack, email',
    );
  });
});

describe('parseSettingsText: valid files', () => {
  it('reads every section of a full YAML file', () => {
    // Act
    const settings = parseSettingsText(fixture('full.yaml'), 'yaml', 'full.yaml');
    // Assess
    expect(settings.allowedAccounts).toEqual(['111122223333', '444455556666']);
    expect(settings.organizationId).toBe('o-a1b2c3d4e5');
    expect(settings.dedupeWindowMinutes).toBe(120);
    expect(settings.rules['vpc-changed']).toEqual({ enabled: false, remediation: 'off' });
    expect(settings.rules['cloudtrail-logging-stopped']).toEqual({
      enabled: true,
      remediation: 'auto',
      dedupeWindowMinutes: 5,
    });
    expect(settings.deployPipeline.lowerSeverityBy).toBe(1);
    expect(settings.alerts).toEqual({
      console: { minSeverity: 'info' },
      sns: { topicArn: 'arn:aws:sns:us-east-1:111122223333:trailwarden-alerts', minSeverity: 'low' },
      slack: {
        webhookSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:trailwarden/slack-AbCdEf',
        minSeverity: 'medium',
      },
      email: { addresses: ['secops@example.com'], minSeverity: 'critical' },
    });
    const [ci, data] = settings.suppressions;
    expect(ci?.id).toBe('ci-build-users');
    expect(ci?.expires).toBe('2027-01-31T00:00:00Z');
    expect(data?.id).toMatch(/^sup-[0-9a-f]{12}$/);
    expect(data?.expires).toBe('2027-03-01T12:00:00+01:00');
  });

  it('reads the same settings from JSON', () => {
    // Prepare
    const json = JSON.stringify({
      rules: { 'root-activity': { severity: 'low' } },
      deployPipeline: { lowerSeverityBy: 2 },
    });
    // Act
    const settings = parseSettingsText(json, 'json', 'trailwarden.config.json');
    // Assess
    expect(settings.rules['root-activity']).toEqual({ enabled: true, severity: 'low', remediation: 'off' });
    expect(settings.deployPipeline.lowerSeverityBy).toBe(2);
  });

  it.each([
    ['an empty YAML file', '', 'yaml'],
    ['a YAML file with only comments', '# nothing set yet\n', 'yaml'],
    ['an empty JSON object', '{}', 'json'],
  ] as const)('%s means every default', (_name, text, format) => {
    // Act
    const settings = parseSettingsText(text, format);
    // Assess
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('gives a suppression without an id the same id whatever the order of its lists', () => {
    // Prepare
    const base = { owner: 'platform-team', reason: 'CI', expires: '2027-01-31' };
    // Act
    const first = parseSettings({
      suppressions: [{ ...base, rules: ['iam-user-created', 'root-activity'] }],
    });
    const second = parseSettings({
      suppressions: [{ ...base, reason: 'CI users', rules: ['root-activity', 'iam-user-created'] }],
    });
    const otherOwner = parseSettings({
      suppressions: [{ ...base, owner: 'data-team', rules: ['root-activity'] }],
    });
    // Assess
    expect(first.suppressions[0]?.id).toBe(second.suppressions[0]?.id);
    expect(first.suppressions[0]?.id).not.toBe(otherOwner.suppressions[0]?.id);
  });

  it('checks rule ids against the catalog it is given', () => {
    // Prepare
    const catalog = [{ id: 'only-rule', remediation: ['fix-it'] }];
    // Act
    const settings = parseSettings({ rules: { 'only-rule': { remediation: 'auto' } } }, { catalog });
    const problems = problemsOf(() =>
      parseSettings({ rules: { 'root-activity': {} } }, { catalog, sourceName: 'test' }),
    );
    // Assess
    expect(settings.rules['only-rule']?.remediation).toBe('auto');
    expect(problems).toEqual([
      'rules.root-activity: unknown rule id; expected a rule id from the catalog (see trailwarden rules list)',
    ]);
  });
});

describe('settingsFormatOf', () => {
  it.each([
    ['trailwarden.config.json', 'json'],
    ['TRAILWARDEN.CONFIG.JSON', 'json'],
    ['trailwarden.config.yaml', 'yaml'],
    ['trailwarden.config.yml', 'yaml'],
    ['settings', 'yaml'],
  ] as const)('%s is %s', (file, format) => {
    expect(settingsFormatOf(file)).toBe(format);
  });
});

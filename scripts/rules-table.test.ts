import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, defineRule, type Rule } from '../packages/core/src/index.js';
import {
  describeEvents,
  README_PATH,
  ReadmeMarkersError,
  RULES_END,
  RULES_START,
  renderRulesTable,
  replaceRulesSection,
} from './rules-table.js';

function rule(overrides: Partial<Parameters<typeof defineRule>[0]>): Rule {
  return defineRule({
    id: 'example-rule',
    title: 'Example',
    description: 'An example rule for the table tests.',
    category: 'network_change',
    severity: 'info',
    events: [{ source: 'ec2.amazonaws.com', names: ['CreateVpc'] }],
    references: {},
    runbook: 'Check the VPC.',
    remediation: [],
    dedupeWindowMinutes: 60,
    match: () => undefined,
    ...overrides,
  });
}

describe('README rule table', () => {
  it('is up to date with the catalog (run `pnpm docs:rules` when this fails)', () => {
    // Prepare
    const readme = readFileSync(README_PATH, 'utf8');

    // Act
    const regenerated = replaceRulesSection(readme, renderRulesTable(CATALOG));

    // Assess
    expect(readme).toBe(regenerated);
  });

  it('has one row per catalog rule, in catalog order', () => {
    const rows = renderRulesTable(CATALOG)
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual(CATALOG.map((r) => r.id));
  });
});

describe('describeEvents', () => {
  it.each([
    {
      name: 'one source',
      rule: rule({ events: [{ source: 'iam.amazonaws.com', names: ['CreateUser', 'CreateAccessKey'] }] }),
      expected: 'iam: CreateUser, CreateAccessKey',
    },
    {
      name: 'several sources',
      rule: rule({
        events: [
          { source: 'macie2.amazonaws.com', names: ['DisableMacie'] },
          { source: 'detective.amazonaws.com', names: ['DeleteGraph'] },
        ],
      }),
      expected: 'macie2: DisableMacie; detective: DeleteGraph',
    },
    { name: 'wildcard without filter', rule: rule({ events: '*' }), expected: 'any event' },
    {
      name: 'wildcard with a filter holding a pipe',
      rule: rule({ events: '*', eventPatternDetail: { errorCode: ['A|B'] } }),
      expected: 'any event matching `{"errorCode":["A\\|B"]}`',
    },
  ])('$name', ({ rule: input, expected }) => {
    expect(describeEvents(input)).toBe(expected);
  });
});

describe('renderRulesTable', () => {
  it('writes references and remediation, with a dash where there are none', () => {
    // Prepare
    const rules = [
      rule({
        id: 'with-refs',
        severity: 'high',
        references: { cis: ['4.10'], securityHub: ['EC2.19', 'CloudWatch.10'] },
        remediation: ['ec2-revoke-world-open-ingress'],
      }),
      rule({ id: 'without-refs' }),
    ];

    // Act
    const lines = renderRulesTable(rules).split('\n');

    // Assess
    expect(lines[0]).toBe('2 rules.');
    expect(lines).toContain(
      '| `with-refs` | `network_change` | high | ec2: CreateVpc | 4.10 | EC2.19, CloudWatch.10 | `ec2-revoke-world-open-ingress` |',
    );
    expect(lines).toContain('| `without-refs` | `network_change` | info | ec2: CreateVpc | — | — | — |');
  });
});

describe('replaceRulesSection', () => {
  it('replaces only what is between the markers', () => {
    const readme = `# Title\n\nintro\n\n${RULES_START}\nold table\n${RULES_END}\n\n## After\n`;
    expect(replaceRulesSection(readme, 'new table')).toBe(
      `# Title\n\nintro\n\n${RULES_START}\nnew table\n${RULES_END}\n\n## After\n`,
    );
  });

  it('is stable: replacing twice gives the same text', () => {
    const once = replaceRulesSection(`a\n${RULES_START}${RULES_END}\nb`, 'table');
    expect(replaceRulesSection(once, 'table')).toBe(once);
  });

  it.each([
    { name: 'no markers', readme: '# Title\n' },
    { name: 'end before start', readme: `${RULES_END}\n${RULES_START}\n` },
    { name: 'start only', readme: `${RULES_START}\n` },
  ])('refuses a README with $name', ({ readme }) => {
    expect(() => replaceRulesSection(readme, 'table')).toThrow(ReadmeMarkersError);
  });
});

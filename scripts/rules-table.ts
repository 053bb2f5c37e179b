/**
 * The README's rule table, generated from the catalog (`pnpm docs:rules`).
 *
 *   tsx scripts/rules-table.ts           print the table
 *   tsx scripts/rules-table.ts --write   rewrite it in README.md, between the rules markers
 *   tsx scripts/rules-table.ts --check   exit 1 when README.md's table is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATALOG, type Rule } from '../packages/core/src/index.js';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** README.md lacks the markers the table goes between (or has them in the wrong order). */
export class ReadmeMarkersError extends Error {
  override readonly name = 'ReadmeMarkersError';
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function code(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? values.map((v) => `\`${cell(v)}\``).join(', ') : '—';
}

/** `iam: CreateUser, CreateAccessKey`; for wildcard rules, what the EventBridge filter narrows them to. */
export function describeEvents(rule: Pick<Rule, 'events' | 'eventPatternDetail'>): string {
  if (rule.events === '*') {
    const detail = rule.eventPatternDetail;
    return detail ? `any event matching \`${cell(JSON.stringify(detail))}\`` : 'any event';
  }
  return rule.events
    .map((selector) => `${selector.source.replace(/\.amazonaws\.com$/, '')}: ${selector.names.join(', ')}`)
    .join('; ');
}

/**
 * The catalog as a Markdown table: id, category, default severity, events, CIS and Security
 * Hub references, remediation actions.
 *
 * @example
 * renderRulesTable(CATALOG).split('\n')[0]; // '44 rules.'
 */
export function renderRulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((rule) =>
    [
      `\`${rule.id}\``,
      `\`${rule.category}\``,
      rule.severity,
      describeEvents(rule),
      rule.references.cis?.join(', ') || '—',
      rule.references.securityHub?.join(', ') || '—',
      code(rule.remediation),
    ].join(' | '),
  );
  return [
    `${rules.length} rules.`,
    '',
    '| rule | category | severity | events | CIS | Security Hub | remediation |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/**
 * `readme` with the text between the rules markers replaced by `table`.
 *
 * @example
 * replaceRulesSection(readme, renderRulesTable(CATALOG));
 */
export function replaceRulesSection(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) {
    throw new ReadmeMarkersError(`README.md must contain ${RULES_START} followed by ${RULES_END}`);
  }
  return `${readme.slice(0, start + RULES_START.length)}\n${table}\n${readme.slice(end)}`;
}

function main(): void {
  const { values } = parseArgs({ options: { write: { type: 'boolean' }, check: { type: 'boolean' } } });
  const table = renderRulesTable(CATALOG);
  if (!values.write && !values.check) {
    process.stdout.write(`${table}\n`);
    return;
  }
  const readme = readFileSync(README_PATH, 'utf8');
  const updated = replaceRulesSection(readme, table);
  if (values.check) {
    if (updated !== readme) {
      process.stderr.write('README.md rule table is stale: run `pnpm docs:rules`\n');
      process.exitCode = 1;
    }
    return;
  }
  if (updated !== readme) writeFileSync(README_PATH, updated);
  process.stdout.write(
    `README.md: ${updated === readme ? 'rule table already up to date' : 'rule table rewritten'} (${CATALOG.length} rules)\n`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

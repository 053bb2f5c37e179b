import { CATALOG, type Rule } from '@trailwarden/core';
import { type Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatRuleDetails, formatRulesTable, ruleRecord } from '../output/rules-view.js';
import { closest } from '../output/suggest.js';

interface FormatFlags {
  readonly format: 'table' | 'text' | 'json';
}

/**
 * Adds `trailwarden rules list [--format table|json]` and `trailwarden rules show <id>
 * [--format text|json]`. An unknown id is a usage error (exit code 2) with a suggestion.
 *
 * @example
 * registerRulesCommands(program, io);
 * await program.parseAsync(['rules', 'show', 'root-console-login'], { from: 'user' });
 */
export function registerRulesCommands(program: Command, io: CliIo, catalog: readonly Rule[] = CATALOG): void {
  const rules = program
    .command('rules')
    .description('List the detection rules, or show one with its runbook');
  rules
    .command('list')
    .description('List every rule: id, category, severity, events, references, remediation actions')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((flags: FormatFlags) => {
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(catalog.map(ruleRecord), null, 2)}\n`);
      } else {
        io.stdout.write(formatRulesTable(catalog, io.columns ?? (Number(io.env.COLUMNS) || 240)));
      }
    });
  rules
    .command('show')
    .description('Show one rule: all its metadata and its runbook')
    .argument('<id>', 'rule id (see trailwarden rules list)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((id: string, flags: FormatFlags) => {
      const rule = catalog.find((r) => r.id === id);
      if (rule === undefined) {
        const guess = closest(
          id,
          catalog.map((r) => r.id),
        );
        throw new UsageError(
          `unknown rule id ${id}`,
          `${guess ? `did you mean ${guess}? ` : ''}run \`trailwarden rules list\` to see the rule ids`,
        );
      }
      io.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ ...ruleRecord(rule), runbook: rule.runbook }, null, 2)}\n`
          : formatRuleDetails(rule),
      );
    });
}

import type { Rule } from '@trailwarden/core';
import { cut, fitCell } from './text-cells.js';

/**
 * A rule's metadata as `rules list --format json` prints it (no runbook; `rules show` adds it).
 *
 * @example
 * JSON.stringify(CATALOG.map(ruleRecord));
 */
export function ruleRecord(rule: Rule): Record<string, unknown> {
  return {
    id: rule.id,
    title: rule.title,
    category: rule.category,
    severity: rule.severity,
    description: rule.description,
    events: rule.events,
    references: rule.references,
    remediation: rule.remediation,
    dedupeWindowMinutes: rule.dedupeWindowMinutes,
  };
}

/** Short form of a rule's events for a table cell: `iam: PutUserPolicy, PutRolePolicy (+7)`, `*` for every event. */
export function eventsCell(rule: Rule): string {
  if (rule.events === '*') return '* (every event)';
  return rule.events
    .map((selector) => {
      const service = selector.source.replace(/\.amazonaws\.com$/, '');
      const shown = selector.names.slice(0, 2).join(', ');
      const more = selector.names.length > 2 ? ` (+${selector.names.length - 2})` : '';
      return `${service}: ${shown}${more}`;
    })
    .join('; ');
}

/** CIS and Security Hub ids for a table cell: `CIS 4.3; SH CloudWatch.1`. */
export function referencesCell(rule: Rule): string {
  const parts: string[] = [];
  if (rule.references.cis?.length) parts.push(`CIS ${rule.references.cis.join(', ')}`);
  if (rule.references.securityHub?.length) parts.push(`SH ${rule.references.securityHub.join(', ')}`);
  return parts.join('; ') || '-';
}

const COLUMNS = [
  { title: 'ID', width: 34, cell: (r: Rule) => r.id },
  { title: 'CATEGORY', width: 34, cell: (r: Rule) => r.category },
  { title: 'SEVERITY', width: 8, cell: (r: Rule) => r.severity },
  { title: 'EVENTS', width: 48, cell: eventsCell },
  { title: 'REFERENCES', width: 30, cell: referencesCell },
  { title: 'REMEDIATION', width: 40, cell: (r: Rule) => r.remediation.join(', ') || '-' },
] as const;

/**
 * The catalog as a table, one rule per line, cut to `width` characters.
 *
 * @example
 * io.stdout.write(formatRulesTable(CATALOG, 160));
 */
export function formatRulesTable(rules: readonly Rule[], width: number): string {
  const line = (cells: readonly string[]) =>
    cut(cells.map((cell, i) => fitCell(cell, COLUMNS[i]?.width ?? 20)).join('  '), width).trimEnd();
  const rows = [
    line(COLUMNS.map((c) => c.title)),
    ...rules.map((rule) => line(COLUMNS.map((c) => c.cell(rule)))),
  ];
  return `${rows.join('\n')}\n${rules.length} rules. \`trailwarden rules show <id>\` prints one with its runbook.\n`;
}

/**
 * Everything about one rule, runbook included, as readable text.
 *
 * @example
 * io.stdout.write(formatRuleDetails(rule));
 */
export function formatRuleDetails(rule: Rule): string {
  const references = rule.references;
  const lines = [
    `${rule.id} — ${rule.title}`,
    '',
    `category:      ${rule.category}`,
    `severity:      ${rule.severity} (default; a finding may raise or lower it, settings may override it)`,
    `dedupe window: ${rule.dedupeWindowMinutes} minutes`,
    'events:',
    ...(rule.events === '*'
      ? ['  every event']
      : rule.events.map((selector) => `  ${selector.source}: ${selector.names.join(', ')}`)),
    'references:',
    ...(references.cis?.length ? [`  CIS AWS Foundations: ${references.cis.join(', ')}`] : []),
    ...(references.securityHub?.length ? [`  Security Hub: ${references.securityHub.join(', ')}`] : []),
    ...(references.mitre?.length ? [`  MITRE ATT&CK: ${references.mitre.join(', ')}`] : []),
    ...(references.links ?? []).map((link) => `  ${link}`),
    `remediation:   ${rule.remediation.join(', ') || 'none'}`,
    '',
    rule.description.trim(),
    '',
    'Runbook',
    '-------',
    rule.runbook.trim(),
  ];
  return `${lines.join('\n')}\n`;
}

import { SEVERITIES } from '@trailwarden/core';
import { fitCell } from '../output/text-cells.js';
import type { Problem, ScanStats } from './scan-stats.js';

const number = new Intl.NumberFormat('en-US');

export interface SummaryFacts {
  readonly elapsedMs: number;
  /** Peak resident set size in bytes. */
  readonly peakRssBytes: number;
  /** Where findings were recorded (`embedded store in …`); absent: no recording line. */
  readonly store?: string;
  /** Alert channels in use (`console`, `sns`, `slack`). */
  readonly channels?: readonly string[];
  /** False for the memory store: undelivered alerts are gone with it. */
  readonly outboxKept?: boolean;
  /** The settings file used, when there was one. */
  readonly settingsFile?: string;
}

/**
 * The end-of-scan summary printed on stderr: inputs, throughput and peak memory, parse errors
 * with the first few reasons (`file:index: reason`), unreadable files, rule errors, and the
 * findings by severity and by category.
 *
 * @example
 * io.stderr.write(formatSummary(stats, { elapsedMs: 1234, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
 */
export function formatSummary(stats: ScanStats, facts: SummaryFacts): string {
  const seconds = facts.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(stats.records / seconds) : stats.records;
  const lines = [
    `scanned ${plural(stats.files, 'file')}, ${plural(stats.records, 'record')} in ${seconds.toFixed(2)} s ` +
      `(${number.format(rate)} records/s, peak RSS ${Math.round(facts.peakRssBytes / 1024 / 1024)} MB)`,
  ];
  if (stats.parseErrors > 0) {
    lines.push(
      `parse errors: ${number.format(stats.parseErrors)}`,
      ...quote(stats.firstParseErrors, stats.parseErrors),
    );
  }
  if (stats.unreadable > 0) {
    lines.push(
      `unreadable: ${plural(stats.unreadable, 'file')}`,
      ...quote(stats.firstUnreadable, stats.unreadable),
    );
  }
  if (stats.ruleErrors > 0) {
    lines.push(
      `rule errors: ${number.format(stats.ruleErrors)}`,
      ...quote(stats.firstRuleErrors, stats.ruleErrors),
    );
  }
  const severities = [...SEVERITIES]
    .reverse()
    .map((s) => `${s} ${number.format(stats.bySeverity.get(s) ?? 0)}`)
    .join(', ');
  lines.push(`findings: ${number.format(stats.findings)} (${severities})`);
  const categories = stats.categoriesByCount();
  if (categories.length > 0) {
    lines.push(`by category: ${categories.map(([c, n]) => `${c} ${number.format(n)}`).join(', ')}`);
  }
  if (facts.settingsFile !== undefined) lines.push(`settings: ${facts.settingsFile}`);
  if (facts.store !== undefined) {
    lines.push(...storeLines(stats, facts.store, facts.channels ?? [], facts.outboxKept ?? true));
  }
  return `${lines.join('\n')}\n`;
}

/** What the store and the alert channels did: the part of the summary a second scan changes. */
function storeLines(
  stats: ScanStats,
  store: string,
  channels: readonly string[],
  outboxKept: boolean,
): string[] {
  const { recorded } = stats;
  const lines = [
    `recorded in ${store}: ${number.format(recorded.new)} new, ${plural(recorded.repeat, 'repeat')} ` +
      `(inside a dedupe window), ${number.format(recorded.duplicate)} already recorded` +
      (stats.suppressed > 0 ? `, ${number.format(stats.suppressed)} suppressed (not reported)` : ''),
  ];
  if (stats.notRecorded > 0) {
    lines.push(
      `not recorded: ${plural(stats.notRecorded, 'finding')}`,
      ...quote(stats.firstNotRecorded, stats.notRecorded),
    );
  }
  const via = channels.length > 0 ? ` via ${channels.join(', ')}` : ' (no alert channel)';
  lines.push(`alerted: ${number.format(stats.alerted)}${via}`);
  if (stats.alertFailures > 0) {
    lines.push(
      `alerts not delivered: ${number.format(stats.alertFailures)} ` +
        (outboxKept
          ? '(kept for `trailwarden alerts retry`)'
          : '(the memory store keeps no outbox: scan with --store local to retry them later)'),
      ...quote(stats.firstAlertFailures, stats.alertFailures),
    );
  }
  return lines;
}

function quote(problems: readonly Problem[], total: number): string[] {
  const lines = problems.map((p) => `  ${p.file}:${p.index}: ${fitCell(p.reason, 240, false)}`);
  if (total > problems.length) lines.push(`  … and ${number.format(total - problems.length)} more`);
  return lines;
}

function plural(count: number, noun: string): string {
  return `${number.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

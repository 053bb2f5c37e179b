import type { StoredFinding } from '@trailwarden/core';
import { findingRecord } from './finding-record.js';
import { cut, fitCell, flatten, shortArn } from './text-cells.js';

/**
 * A stored finding for `json`/`jsonl` output: the scan's finding record followed by its life
 * in the store (status, occurrences, first and last seen, alert state, suppression, history).
 *
 * @example
 * JSON.stringify(storedFindingRecord(finding)); // {"id":"…",…,"status":"open","count":3,…}
 */
export function storedFindingRecord(finding: StoredFinding): Record<string, unknown> {
  return {
    ...findingRecord(finding),
    status: finding.status,
    count: finding.count,
    firstSeen: finding.firstSeen,
    lastSeen: finding.lastSeen,
    alerted: finding.alerted,
    ...(finding.alertedAt !== undefined && { alertedAt: finding.alertedAt }),
    ...(finding.suppression !== undefined && { suppression: finding.suppression }),
    history: finding.history,
    updatedAt: finding.updatedAt,
  };
}

const COLUMNS = [
  { title: 'ID', width: 32 },
  { title: 'SEVERITY', width: 8 },
  { title: 'STATUS', width: 12 },
  { title: 'LAST SEEN', width: 20 },
  { title: 'COUNT', width: 5 },
  { title: 'RULE', width: 30 },
  { title: 'RESOURCE', width: 30 },
] as const;
const GAP = '  ';
const MIN_SUMMARY = 30;

/**
 * `trailwarden findings list` as a table: the full id first (it is what `show`, `ack`,
 * `resolve` and `suppress` take), then severity, status, last seen, count, rule and the
 * first resource; the summary takes the rest of the line. The resource column is dropped on
 * narrow terminals.
 *
 * @example
 * io.stdout.write(formatStoredFindingsTable(page.items, 160));
 */
export function formatStoredFindingsTable(findings: readonly StoredFinding[], width: number): string {
  const used = COLUMNS.reduce((sum, c) => sum + c.width + GAP.length, 0);
  const columns = used + MIN_SUMMARY > width ? COLUMNS.filter((c) => c.title !== 'RESOURCE') : COLUMNS;
  const row = (cells: readonly string[], summary: string) =>
    cut(
      columns.map((c, i) => fitCell(cells[i] ?? '', c.width) + GAP).join('') + flatten(summary),
      width,
    ).trimEnd();
  const lines = [
    row(
      columns.map((c) => c.title),
      'SUMMARY',
    ),
  ];
  for (const finding of findings) {
    const cells: Record<(typeof COLUMNS)[number]['title'], string> = {
      ID: finding.id,
      SEVERITY: finding.severity,
      STATUS: finding.status,
      'LAST SEEN': finding.lastSeen.replace(/\.\d+Z$/, 'Z'),
      COUNT: String(finding.count),
      RULE: finding.ruleId,
      RESOURCE: finding.resources.length === 0 ? '-' : shortArn(finding.resources[0] ?? ''),
    };
    lines.push(
      row(
        columns.map((c) => cells[c.title]),
        finding.summary,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

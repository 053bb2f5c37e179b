import { CATEGORIES, type Category, type Finding, SEVERITIES, type Severity } from '@trailwarden/core';

/** How many problems of each kind the summary quotes. */
export const QUOTED_PROBLEMS = 5;

/** A problem tied to one input position. */
export interface Problem {
  readonly file: string;
  readonly index: number;
  readonly reason: string;
}

/** Running counts of a scan, for the summary and the exit code. Holds no records or findings. */
export class ScanStats {
  readonly startedMs: number;
  files = 0;
  bytes = 0;
  records = 0;
  parseErrors = 0;
  unreadable = 0;
  ruleErrors = 0;
  findings = 0;
  readonly bySeverity = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  readonly byCategory = new Map<Category, number>();
  readonly firstParseErrors: Problem[] = [];
  readonly firstUnreadable: Problem[] = [];
  readonly firstRuleErrors: Problem[] = [];

  constructor(startedMs: number) {
    this.startedMs = startedMs;
  }

  parseError(problem: Problem): void {
    this.parseErrors++;
    if (this.firstParseErrors.length < QUOTED_PROBLEMS) this.firstParseErrors.push(problem);
  }

  unreadableFile(problem: Problem): void {
    this.unreadable++;
    if (this.firstUnreadable.length < QUOTED_PROBLEMS) this.firstUnreadable.push(problem);
  }

  ruleError(problem: Problem): void {
    this.ruleErrors++;
    if (this.firstRuleErrors.length < QUOTED_PROBLEMS) this.firstRuleErrors.push(problem);
  }

  finding(finding: Finding): void {
    this.findings++;
    this.bySeverity.set(finding.severity, (this.bySeverity.get(finding.severity) ?? 0) + 1);
    this.byCategory.set(finding.category, (this.byCategory.get(finding.category) ?? 0) + 1);
  }

  /** Categories with findings, most first (ties in vocabulary order). */
  categoriesByCount(): [Category, number][] {
    return [...this.byCategory].sort(
      (a, b) => b[1] - a[1] || CATEGORIES.indexOf(a[0]) - CATEGORIES.indexOf(b[0]),
    );
  }
}

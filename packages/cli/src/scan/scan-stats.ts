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
  /** Findings a suppression covered: recorded as suppressed, not reported, not alerted. */
  suppressed = 0;
  /** What recording did with each finding (suppressed ones included). */
  readonly recorded = { new: 0, repeat: 0, duplicate: 0 };
  /** Findings the store did not take. */
  notRecorded = 0;
  /** Findings whose alert every channel accepted (or that no channel takes). */
  alerted = 0;
  /** Findings left in the outbox because a channel refused them. */
  alertFailures = 0;
  readonly bySeverity = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  readonly byCategory = new Map<Category, number>();
  readonly firstParseErrors: Problem[] = [];
  readonly firstUnreadable: Problem[] = [];
  readonly firstRuleErrors: Problem[] = [];
  readonly firstNotRecorded: Problem[] = [];
  readonly firstAlertFailures: Problem[] = [];

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

  notRecordedFinding(problem: Problem): void {
    this.notRecorded++;
    if (this.firstNotRecorded.length < QUOTED_PROBLEMS) this.firstNotRecorded.push(problem);
  }

  alertFailure(problem: Problem): void {
    this.alertFailures++;
    if (this.firstAlertFailures.length < QUOTED_PROBLEMS) this.firstAlertFailures.push(problem);
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

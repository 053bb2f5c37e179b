import type { Provenance } from '../events/change-event.js';
import type { Category } from './category.js';
import type { Severity } from './severity.js';

/** Standards a finding maps to. */
export interface References {
  /** CIS AWS Foundations Benchmark v1.4 ids, e.g. `4.3`. */
  readonly cis?: readonly string[];
  /** AWS Security Hub control ids, e.g. `CloudWatch.1`. */
  readonly securityHub?: readonly string[];
  /** MITRE ATT&CK technique ids, e.g. `T1078.004`. */
  readonly mitre?: readonly string[];
  /** Documentation links. */
  readonly links?: readonly string[];
}

export interface FindingActor {
  readonly type: string;
  readonly arn?: string;
  readonly principalId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly mfa: boolean;
  readonly provenance: Provenance;
}

/** Where a finding's record was read from (CLI scans). */
export interface FindingSource {
  readonly file: string;
  /** Index of the record within its file, from 0. */
  readonly index: number;
}

export interface Finding {
  /** Deterministic: hash of (rule id, event id). */
  readonly id: string;
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly summary: string;
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly account: string;
  readonly region: string;
  readonly time: string;
  readonly actor: FindingActor;
  readonly resources: readonly string[];
  /** The evidence: what the rule judged (e.g. the statements that widened). Never secrets. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly references: References;
  readonly runbook: string;
  readonly dedupeKey: string;
  readonly remediation: readonly string[];
  readonly source?: FindingSource;
}

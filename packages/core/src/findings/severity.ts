import { z } from 'zod';

/** Finding severities, lowest first. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Numeric rank of a severity (info = 0 … critical = 4), for comparisons and sorting. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** True when `severity` is at least `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** The higher of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** One step lower (info stays info); used for read-only root calls and deploy pipelines. */
export function lowerSeverity(severity: Severity, steps = 1): Severity {
  return SEVERITIES[Math.max(0, RANK[severity] - steps)] ?? 'info';
}

import { SEVERITIES, type Severity } from '../../findings/severity.js';

/**
 * One step higher (critical stays critical); used for privilege-aware severity, e.g. a
 * credential created for an admin-level user.
 *
 * @example
 * raiseSeverity('medium'); // 'high'
 */
export function raiseSeverity(severity: Severity, steps = 1): Severity {
  const index = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.min(SEVERITIES.length - 1, index + steps)] ?? 'critical';
}

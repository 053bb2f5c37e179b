import type { PasswordBaseline } from '../../settings/detection-settings.js';
import type { PasswordPolicy } from '../../state/learners/password-policy.js';

/** One password-policy setting that got weaker than before, or falls short of the baseline. */
export interface PasswordPolicyGap {
  readonly field: keyof PasswordPolicy;
  /** The value before the change; absent when the previous policy is not known. */
  readonly before?: number | boolean;
  readonly after: number | boolean;
  /** The baseline's value; absent for settings the baseline does not cover (hard expiry). */
  readonly baseline?: number | boolean;
  /** Weaker than the previous policy. */
  readonly weakened: boolean;
  /** Short of the baseline. */
  readonly belowBaseline: boolean;
}

/** Days until a password expires; 0 means never, the weakest setting. */
const expiryDays = (days: number): number => (days > 0 ? days : Number.POSITIVE_INFINITY);

interface Check {
  readonly field: keyof PasswordPolicy;
  /** True when `after` is weaker than `before`. */
  readonly weaker: (before: PasswordPolicy, after: PasswordPolicy) => boolean;
  /** The baseline's value for this field, if the baseline covers it. */
  readonly baseline?: (baseline: PasswordBaseline) => number | boolean;
  /** True when `after` falls short of the baseline. */
  readonly short?: (after: PasswordPolicy, baseline: PasswordBaseline) => boolean;
}

const flagCheck = (
  field: 'requireSymbols' | 'requireNumbers' | 'requireUppercaseCharacters' | 'requireLowercaseCharacters',
): Check => ({
  field,
  weaker: (before, after) => before[field] && !after[field],
  baseline: (b) => b[field],
  short: (after, b) => b[field] && !after[field],
});

const CHECKS: readonly Check[] = [
  {
    field: 'minimumPasswordLength',
    weaker: (before, after) => after.minimumPasswordLength < before.minimumPasswordLength,
    baseline: (b) => b.minimumPasswordLength,
    short: (after, b) => after.minimumPasswordLength < b.minimumPasswordLength,
  },
  flagCheck('requireSymbols'),
  flagCheck('requireNumbers'),
  flagCheck('requireUppercaseCharacters'),
  flagCheck('requireLowercaseCharacters'),
  {
    field: 'passwordReusePrevention',
    weaker: (before, after) => after.passwordReusePrevention < before.passwordReusePrevention,
    baseline: (b) => b.passwordReusePrevention,
    // A baseline of 0 does not ask for reuse prevention.
    short: (after, b) =>
      b.passwordReusePrevention > 0 && after.passwordReusePrevention < b.passwordReusePrevention,
  },
  {
    field: 'maxPasswordAge',
    weaker: (before, after) => expiryDays(after.maxPasswordAge) > expiryDays(before.maxPasswordAge),
    baseline: (b) => b.maxPasswordAge,
    // A baseline of 0 follows current NIST guidance (no forced rotation) and asks for nothing.
    short: (after, b) => b.maxPasswordAge > 0 && expiryDays(after.maxPasswordAge) > b.maxPasswordAge,
  },
  {
    // Not a CIS setting, but turning it off lets expired passwords be renewed by whoever holds them.
    field: 'hardExpiry',
    weaker: (before, after) => before.hardExpiry && !after.hardExpiry,
  },
];

/**
 * The settings of a new password policy that are weaker than the previous policy (when known)
 * or short of the baseline; empty when the new policy is at least as strong as both.
 *
 * @example
 * passwordPolicyGaps(previous, { ...previous, minimumPasswordLength: 8 }, baseline);
 * // [{ field: 'minimumPasswordLength', before: 14, after: 8, baseline: 14, weakened: true, belowBaseline: true }]
 */
export function passwordPolicyGaps(
  previous: PasswordPolicy | undefined,
  next: PasswordPolicy,
  baseline: PasswordBaseline,
): PasswordPolicyGap[] {
  const gaps: PasswordPolicyGap[] = [];
  for (const check of CHECKS) {
    const weakened = previous !== undefined && check.weaker(previous, next);
    const belowBaseline = check.short?.(next, baseline) ?? false;
    if (!weakened && !belowBaseline) continue;
    const baselineValue = check.baseline?.(baseline);
    gaps.push({
      field: check.field,
      ...(previous !== undefined && { before: previous[check.field] }),
      after: next[check.field],
      ...(baselineValue !== undefined && { baseline: baselineValue }),
      weakened,
      belowBaseline,
    });
  }
  return gaps;
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_SETTINGS, PasswordBaselineSchema } from '../../settings/detection-settings.js';
import type { PasswordPolicy } from '../../state/learners/password-policy.js';
import { passwordPolicyGaps } from './compare.js';

const CIS: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 24,
  hardExpiry: false,
};
const baseline = DEFAULT_DETECTION_SETTINGS.passwordPolicyBaseline;

describe('passwordPolicyGaps', () => {
  it.each([
    ['a shorter minimum length', { minimumPasswordLength: 12 }, 'minimumPasswordLength'],
    ['a dropped character class', { requireSymbols: false }, 'requireSymbols'],
    ['less reuse prevention', { passwordReusePrevention: 5 }, 'passwordReusePrevention'],
    ['expiry removed', { maxPasswordAge: 0 }, 'maxPasswordAge'],
    ['a longer expiry', { maxPasswordAge: 180 }, 'maxPasswordAge'],
  ] as const)('reports %s as weakened and below the baseline', (_name, change, field) => {
    // Prepare
    const next = { ...CIS, ...change };
    // Act
    const gaps = passwordPolicyGaps(CIS, next, baseline);
    // Assess
    expect(gaps).toEqual([
      expect.objectContaining({
        field,
        before: CIS[field],
        after: next[field],
        weakened: true,
        belowBaseline: true,
      }),
    ]);
  });

  it('reports a weaker policy that still meets the baseline as weakened only', () => {
    // Prepare
    const previous = { ...CIS, minimumPasswordLength: 20, maxPasswordAge: 30, hardExpiry: true };
    // Act
    const gaps = passwordPolicyGaps(previous, CIS, baseline);
    // Assess
    expect(gaps.map((gap) => [gap.field, gap.weakened, gap.belowBaseline])).toEqual([
      ['minimumPasswordLength', true, false],
      ['maxPasswordAge', true, false],
      ['hardExpiry', true, false],
    ]);
  });

  it('judges against the baseline alone when the previous policy is unknown', () => {
    // Act
    const gaps = passwordPolicyGaps(undefined, { ...CIS, requireNumbers: false }, baseline);
    // Assess
    expect(gaps).toEqual([
      { field: 'requireNumbers', after: false, baseline: true, weakened: false, belowBaseline: true },
    ]);
  });

  it('finds nothing when the policy is as strong as before and meets the baseline', () => {
    // Act / Assess
    expect(
      passwordPolicyGaps(CIS, { ...CIS, minimumPasswordLength: 16, maxPasswordAge: 60 }, baseline),
    ).toEqual([]);
    expect(passwordPolicyGaps(undefined, CIS, baseline)).toEqual([]);
  });

  it('does not ask for expiry or reuse prevention when the baseline sets them to 0', () => {
    // Prepare
    const relaxed = PasswordBaselineSchema.parse({ maxPasswordAge: 0, passwordReusePrevention: 0 });
    // Act
    const gaps = passwordPolicyGaps(
      undefined,
      { ...CIS, maxPasswordAge: 0, passwordReusePrevention: 0 },
      relaxed,
    );
    // Assess
    expect(gaps).toEqual([]);
  });

  it('treats a new expiry where there was none as stronger', () => {
    // Act / Assess
    expect(passwordPolicyGaps({ ...CIS, maxPasswordAge: 0 }, CIS, baseline)).toEqual([]);
  });
});

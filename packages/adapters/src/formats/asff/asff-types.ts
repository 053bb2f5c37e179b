import type { Category, References } from '@trailwarden/core';

/**
 * ASFF `Types` for each trailwarden category, in the `namespace/category/classifier` form of
 * Security Hub's taxonomy. The TTPs categories follow the MITRE ATT&CK tactic the rules cite;
 * `Effects` is used where the change exposes or destroys data rather than serving a tactic.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html
 */
export const ASFF_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
] as const;

const BEST_PRACTICES = 'Software and Configuration Checks/AWS Security Best Practices';
const NETWORK_REACHABILITY = `${BEST_PRACTICES}/Network Reachability`;

/** The type every finding with CIS AWS Foundations Benchmark references also carries. */
export const CIS_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';

export const CATEGORY_ASFF_TYPES: Readonly<Record<Category, readonly string[]>> = {
  // Root is a valid-accounts technique (T1078.004) and unusual by definition.
  root_activity: ['TTPs/Initial Access', 'Unusual Behaviors/User'],
  console_login_without_mfa: ['TTPs/Initial Access', BEST_PRACTICES],
  // Repeated failures are brute force (T1110), a credential-access technique.
  console_login_failure: ['TTPs/Credential Access', 'Unusual Behaviors/User'],
  iam_policy_widening: ['TTPs/Privilege Escalation', BEST_PRACTICES],
  // New users and keys for someone else are account manipulation / create account (T1098, T1136).
  iam_user_or_key_created: ['TTPs/Persistence'],
  // Removing MFA weakens authentication (T1556.006), which ATT&CK files under defense evasion too.
  mfa_disabled: ['TTPs/Defense Evasion', BEST_PRACTICES],
  s3_public_exposure: ['Effects/Data Exposure', BEST_PRACTICES],
  s3_encryption_removed: ['Effects/Data Exposure', BEST_PRACTICES],
  // Security Hub's own example: `TTPs/Defense Evasion/CloudTrailStopped`.
  cloudtrail_tampering: ['TTPs/Defense Evasion'],
  config_tampering: ['TTPs/Defense Evasion'],
  guardduty_or_securityhub_disabled: ['TTPs/Defense Evasion'],
  // A disabled or deleted key makes the data it encrypts unreadable (T1485-like impact).
  kms_key_disable_or_deletion: ['Effects/Data Destruction', BEST_PRACTICES],
  security_group_open_to_world: [NETWORK_REACHABILITY],
  network_change: [NETWORK_REACHABILITY],
  password_policy_weakened: [BEST_PRACTICES],
  // Leaving the organization or detaching SCPs escapes its guardrails (T1666).
  organizations_change: ['TTPs/Defense Evasion'],
  unauthorized_api_call: ['TTPs/Discovery', 'Unusual Behaviors/User'],
  noncompliant_resource: [BEST_PRACTICES],
};

/** Security Hub accepts at most 50 types per finding. */
export const MAX_ASFF_TYPES = 50;

/**
 * The ASFF `Types` of a finding: its category's types, plus the CIS AWS Foundations
 * Benchmark type when the rule cites CIS sections.
 *
 * @example
 * asffTypes('cloudtrail_tampering', { cis: ['4.5'] });
 * // ['TTPs/Defense Evasion', 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark']
 */
export function asffTypes(category: Category, references: References): string[] {
  const types = [...CATEGORY_ASFF_TYPES[category]];
  if ((references.cis ?? []).length > 0) types.push(CIS_TYPE);
  return types.slice(0, MAX_ASFF_TYPES);
}

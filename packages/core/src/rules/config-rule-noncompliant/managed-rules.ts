import type { Category } from '../../findings/category.js';
import type { Severity } from '../../findings/severity.js';

/** What a non-compliant result of an AWS managed Config rule means. */
export interface ManagedRule {
  /** The managed rule's default name (its identifier in lower kebab case), e.g. `restricted-ssh`. */
  readonly name: string;
  readonly severity: Severity;
  /** Finding title for a NON_COMPLIANT result. */
  readonly title: string;
  /** The trailwarden category the failed check belongs to (reported as context). */
  readonly category: Category;
}

const rule = (name: string, severity: Severity, category: Category, title: string): ManagedRule => ({
  name,
  severity,
  category,
  title,
});

/**
 * AWS managed rules trailwarden knows, with the severity of a NON_COMPLIANT result.
 * Severities follow the CIS AWS Foundations Benchmark / Security Hub rating of the matching
 * control: exposed root credentials and public write are critical; public read, open admin
 * ports, missing audit trails and disabled detectors are high; missing MFA on users, password
 * policy and encryption gaps are medium; hygiene checks (rotation, unused credentials) are low.
 *
 * @see https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html
 */
export const MANAGED_RULES: readonly ManagedRule[] = [
  rule('root-account-mfa-enabled', 'critical', 'mfa_disabled', 'Root account has no MFA'),
  rule('iam-root-access-key-check', 'critical', 'root_activity', 'Root account has access keys'),
  rule(
    's3-bucket-public-write-prohibited',
    'critical',
    's3_public_exposure',
    'S3 bucket allows public write',
  ),
  rule('root-account-hardware-mfa-enabled', 'high', 'mfa_disabled', 'Root account has no hardware MFA'),
  rule('s3-bucket-public-read-prohibited', 'high', 's3_public_exposure', 'S3 bucket allows public read'),
  rule(
    's3-account-level-public-access-blocks',
    'high',
    's3_public_exposure',
    'Account-level S3 Block Public Access is off',
  ),
  rule(
    's3-bucket-level-public-access-prohibited',
    'high',
    's3_public_exposure',
    'S3 bucket Block Public Access is off',
  ),
  rule('restricted-ssh', 'high', 'security_group_open_to_world', 'Security group allows SSH from anywhere'),
  rule(
    'restricted-common-ports',
    'high',
    'security_group_open_to_world',
    'Security group allows high-risk ports from anywhere',
  ),
  rule(
    'vpc-sg-open-only-to-authorized-ports',
    'high',
    'security_group_open_to_world',
    'Security group open to the internet on unauthorized ports',
  ),
  rule('nacl-no-unrestricted-ssh-rdp', 'high', 'network_change', 'Network ACL allows SSH/RDP from anywhere'),
  rule('multi-region-cloudtrail-enabled', 'high', 'cloudtrail_tampering', 'No multi-region CloudTrail trail'),
  rule('cloudtrail-enabled', 'high', 'cloudtrail_tampering', 'CloudTrail is not enabled'),
  rule(
    'cloudtrail-security-trail-enabled',
    'high',
    'cloudtrail_tampering',
    'No CloudTrail trail meets security best practices',
  ),
  rule(
    'iam-policy-no-statements-with-admin-access',
    'high',
    'iam_policy_widening',
    'IAM policy grants administrator access',
  ),
  rule(
    'kms-cmk-not-scheduled-for-deletion',
    'high',
    'kms_key_disable_or_deletion',
    'KMS key scheduled for deletion',
  ),
  rule(
    'guardduty-enabled-centralized',
    'high',
    'guardduty_or_securityhub_disabled',
    'GuardDuty is not enabled',
  ),
  rule('securityhub-enabled', 'high', 'guardduty_or_securityhub_disabled', 'Security Hub is not enabled'),
  rule(
    'cloud-trail-log-file-validation-enabled',
    'medium',
    'cloudtrail_tampering',
    'CloudTrail log file validation is off',
  ),
  rule(
    'cloud-trail-encryption-enabled',
    'medium',
    'cloudtrail_tampering',
    'CloudTrail logs are not KMS-encrypted',
  ),
  rule('iam-user-mfa-enabled', 'medium', 'mfa_disabled', 'IAM user has no MFA'),
  rule('mfa-enabled-for-iam-console-access', 'medium', 'mfa_disabled', 'IAM console user has no MFA'),
  rule('iam-password-policy', 'medium', 'password_policy_weakened', 'Account password policy below baseline'),
  rule(
    'iam-policy-no-statements-with-full-access',
    'medium',
    'iam_policy_widening',
    'IAM policy grants full access to a service',
  ),
  rule(
    'vpc-default-security-group-closed',
    'medium',
    'security_group_open_to_world',
    'Default security group allows traffic',
  ),
  rule('vpc-flow-logs-enabled', 'medium', 'network_change', 'VPC flow logs are not enabled'),
  rule(
    's3-bucket-server-side-encryption-enabled',
    'medium',
    's3_encryption_removed',
    'S3 bucket default encryption is off',
  ),
  rule(
    's3-bucket-ssl-requests-only',
    'medium',
    's3_encryption_removed',
    'S3 bucket allows requests without TLS',
  ),
  rule(
    'ec2-ebs-encryption-by-default',
    'medium',
    's3_encryption_removed',
    'EBS encryption by default is off',
  ),
  rule('encrypted-volumes', 'medium', 's3_encryption_removed', 'EBS volume is not encrypted'),
  rule('cmk-backing-key-rotation-enabled', 'low', 'kms_key_disable_or_deletion', 'KMS key rotation is off'),
  rule('access-keys-rotated', 'low', 'iam_user_or_key_created', 'IAM access key not rotated'),
  rule(
    'iam-user-unused-credentials-check',
    'low',
    'iam_user_or_key_created',
    'IAM user has unused credentials',
  ),
  rule('iam-user-no-policies-check', 'low', 'iam_policy_widening', 'IAM user has policies attached directly'),
];

/** Longest names first, so `multi-region-cloudtrail-enabled` wins over `cloudtrail-enabled`. */
const BY_LENGTH = [...MANAGED_RULES].sort((a, b) => b.name.length - a.name.length);

/**
 * The managed rule a Config rule name refers to. Deployed names often carry a prefix or suffix
 * (`securityhub-restricted-ssh-a1b2c3`, `restricted-ssh-conformance-pack-x9y8z7`, Control Tower's
 * `AWSControlTower_AWS-GR_RESTRICTED_SSH`), so the name is lower-cased, `_` read as `-`, and the
 * longest managed name it contains wins.
 *
 * @example
 * managedRuleFor('securityhub-multi-region-cloudtrail-enabled-9f8e7d')?.name; // 'multi-region-cloudtrail-enabled'
 * managedRuleFor('my-custom-check'); // undefined
 */
export function managedRuleFor(configRuleName: string): ManagedRule | undefined {
  const normalized = configRuleName.toLowerCase().replaceAll('_', '-');
  return BY_LENGTH.find((candidate) => normalized.includes(candidate.name));
}

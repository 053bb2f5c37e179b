import { z } from 'zod';

/** The fixed category vocabulary (architecture.md, "Detection catalog"). Every rule has one. */
export const CATEGORIES = [
  'root_activity',
  'console_login_without_mfa',
  'console_login_failure',
  'iam_policy_widening',
  'iam_user_or_key_created',
  'mfa_disabled',
  's3_public_exposure',
  's3_encryption_removed',
  'cloudtrail_tampering',
  'config_tampering',
  'guardduty_or_securityhub_disabled',
  'kms_key_disable_or_deletion',
  'security_group_open_to_world',
  'network_change',
  'password_policy_weakened',
  'organizations_change',
  'unauthorized_api_call',
  'noncompliant_resource',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

import cloudtrailBucketTampering from './cloudtrail-bucket-tampering/rule.js';
import cloudtrailLoggingStopped from './cloudtrail-logging-stopped/rule.js';
import cloudtrailTrailWeakened from './cloudtrail-trail-weakened/rule.js';
import configRecordingDisabled from './config-recording-disabled/rule.js';
import configRuleNoncompliant from './config-rule-noncompliant/rule.js';
import consoleLoginFailure from './console-login-failure/rule.js';
import consoleLoginWithoutMfa from './console-login-without-mfa/rule.js';
import type { Rule } from './define-rule.js';
import ebsDefaultEncryptionDisabled from './ebs-default-encryption-disabled/rule.js';
import flowLogsDeleted from './flow-logs-deleted/rule.js';
import guarddutyDisabled from './guardduty-disabled/rule.js';
import iamAccessKeyCreated from './iam-access-key-created/rule.js';
import iamAdminPolicyAttached from './iam-admin-policy-attached/rule.js';
import iamInlinePolicyWidening from './iam-inline-policy-widening/rule.js';
import iamLoginProfileChanged from './iam-login-profile-changed/rule.js';
import iamManagedPolicyWidening from './iam-managed-policy-widening/rule.js';
import iamPermissionsBoundaryChanged from './iam-permissions-boundary-changed/rule.js';
import iamPolicyRemoved from './iam-policy-removed/rule.js';
import iamTrustPolicyOpened from './iam-trust-policy-opened/rule.js';
import iamUserAddedToAdminGroup from './iam-user-added-to-admin-group/rule.js';
import iamUserCreated from './iam-user-created/rule.js';
import kmsKeyDisabledOrDeleted from './kms-key-disabled-or-deleted/rule.js';
import kmsKeyPolicyExposed from './kms-key-policy-exposed/rule.js';
import kmsKeyRotationDisabled from './kms-key-rotation-disabled/rule.js';
import mfaDeviceRemoved from './mfa-device-removed/rule.js';
import networkAclChanged from './network-acl-changed/rule.js';
import networkGatewayChanged from './network-gateway-changed/rule.js';
import organizationsChange from './organizations-change/rule.js';
import passwordPolicyWeakened from './password-policy-weakened/rule.js';
import rootAccessKeyCreated from './root-access-key-created/rule.js';
import rootActivity from './root-activity/rule.js';
import rootConsoleLogin from './root-console-login/rule.js';
import routeTableChanged from './route-table-changed/rule.js';
import s3AclOrWebsiteEnabled from './s3-acl-or-website-enabled/rule.js';
import s3AclPublic from './s3-acl-public/rule.js';
import s3BucketEncryptionRemoved from './s3-bucket-encryption-removed/rule.js';
import s3BucketPolicyPublic from './s3-bucket-policy-public/rule.js';
import s3PublicAccessBlockRemoved from './s3-public-access-block-removed/rule.js';
import s3SecureTransportRemoved from './s3-secure-transport-removed/rule.js';
import securityGroupChanged from './security-group-changed/rule.js';
import securityGroupOpenToWorld from './security-group-open-to-world/rule.js';
import securityServiceDisabled from './security-service-disabled/rule.js';
import securityhubDisabled from './securityhub-disabled/rule.js';
import unauthorizedApiCall from './unauthorized-api-call/rule.js';
import vpcChanged from './vpc-changed/rule.js';

/**
 * Every rule trailwarden ships, listed explicitly (no directory scanning, so bundles keep them).
 * Infrastructure derives its EventBridge patterns and the remediator's grants from this list.
 */
export const CATALOG: readonly Rule[] = [
  rootConsoleLogin,
  rootActivity,
  rootAccessKeyCreated,
  consoleLoginWithoutMfa,
  consoleLoginFailure,
  iamInlinePolicyWidening,
  iamManagedPolicyWidening,
  iamAdminPolicyAttached,
  iamTrustPolicyOpened,
  iamPermissionsBoundaryChanged,
  iamUserAddedToAdminGroup,
  iamPolicyRemoved,
  iamUserCreated,
  iamAccessKeyCreated,
  iamLoginProfileChanged,
  mfaDeviceRemoved,
  s3BucketPolicyPublic,
  s3AclPublic,
  s3PublicAccessBlockRemoved,
  s3AclOrWebsiteEnabled,
  s3BucketEncryptionRemoved,
  s3SecureTransportRemoved,
  ebsDefaultEncryptionDisabled,
  cloudtrailLoggingStopped,
  cloudtrailTrailWeakened,
  cloudtrailBucketTampering,
  configRecordingDisabled,
  guarddutyDisabled,
  securityhubDisabled,
  securityServiceDisabled,
  kmsKeyDisabledOrDeleted,
  kmsKeyRotationDisabled,
  kmsKeyPolicyExposed,
  securityGroupOpenToWorld,
  networkAclChanged,
  networkGatewayChanged,
  routeTableChanged,
  vpcChanged,
  securityGroupChanged,
  flowLogsDeleted,
  passwordPolicyWeakened,
  organizationsChange,
  unauthorizedApiCall,
  configRuleNoncompliant,
];

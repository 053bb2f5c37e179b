import type { Env } from './names.js';
import type { CallSpec } from './records.js';
import { isoSeconds } from './time.js';

/**
 * Benign identity calls: IAM reads, STS sessions, console sign-ins and Organizations reads.
 * IAM and sign-in events are recorded in us-east-1 (the scenario places them there).
 * Responses never carry secrets: CloudTrail logs a session's access key id, not its token.
 */

const IAM = 'iam.amazonaws.com';
const STS = 'sts.amazonaws.com';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROLE_NAMES = [
  'orders-api-task-role',
  'invoice-worker-lambda-role',
  'github-actions-deploy',
  'security-audit-readonly',
];

export function iamRead(env: Env): CallSpec {
  const roleName = env.rng.pick(ROLE_NAMES);
  const choice = env.rng.int(0, 9);
  const host = 'iam.amazonaws.com';
  switch (choice) {
    case 0:
      return { source: IAM, name: 'ListRoles', readOnly: true, params: null, host };
    case 1:
      return { source: IAM, name: 'ListUsers', readOnly: true, params: null, host };
    case 2:
      return { source: IAM, name: 'ListAttachedRolePolicies', readOnly: true, params: { roleName }, host };
    case 3:
      return { source: IAM, name: 'ListRolePolicies', readOnly: true, params: { roleName }, host };
    case 4:
      return { source: IAM, name: 'GetAccountSummary', readOnly: true, params: null, host };
    case 5:
      return {
        source: IAM,
        name: 'ListPolicies',
        readOnly: true,
        params: { scope: 'Local', onlyAttached: false, policyUsageFilter: 'PermissionsPolicy' },
        host,
      };
    case 6:
      return { source: IAM, name: 'ListAccountAliases', readOnly: true, params: null, host };
    default:
      return { source: IAM, name: 'GetRole', readOnly: true, params: { roleName }, host };
  }
}

/** What a security scanner reads (CIS checks): password policy, credential report, MFA devices. */
export function iamAuditRead(env: Env): CallSpec {
  const host = 'iam.amazonaws.com';
  return env.rng.pick<CallSpec>([
    { source: IAM, name: 'GetAccountPasswordPolicy', readOnly: true, params: null, host },
    { source: IAM, name: 'GetAccountSummary', readOnly: true, params: null, host },
    {
      source: IAM,
      name: 'GenerateCredentialReport',
      readOnly: false,
      params: null,
      response: { state: 'COMPLETE', description: 'No report exists. Starting a new report generation task' },
      host,
    },
    { source: IAM, name: 'GetCredentialReport', readOnly: true, params: null, host },
    { source: IAM, name: 'ListVirtualMFADevices', readOnly: true, params: { assignmentStatus: 'Any' }, host },
    { source: IAM, name: 'ListUsers', readOnly: true, params: null, host },
  ]);
}

export function getCallerIdentity(): CallSpec {
  return { source: STS, name: 'GetCallerIdentity', readOnly: true, params: null };
}

/**
 * AssumeRole as the role's account logs it: an AWS service (ECS, Lambda) assuming a workload
 * role, or a principal of another account assuming a cross-account role.
 */
export function assumeRole(
  env: Env,
  roleArn: string,
  roleId: string,
  session: string,
  keyId: string,
  timeMs: number,
): CallSpec {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return {
    source: STS,
    name: 'AssumeRole',
    readOnly: true,
    params: { roleArn, roleSessionName: session },
    response: {
      credentials: { accessKeyId: keyId, expiration: expiration(timeMs, 6) },
      assumedRoleUser: {
        assumedRoleId: `${roleId}:${session}`,
        arn: `arn:aws:sts::${env.account}:assumed-role/${roleName}/${session}`,
      },
    },
    resources: [{ accountId: env.account, type: 'AWS::IAM::Role', ARN: roleArn }],
  };
}

/** GitHub Actions exchanging its OIDC token for the deploy role's session. */
export function assumeRoleWithWebIdentity(
  env: Env,
  roleArn: string,
  roleId: string,
  subject: string,
  keyId: string,
  timeMs: number,
): CallSpec {
  const provider = `arn:aws:iam::${env.account}:oidc-provider/token.actions.githubusercontent.com`;
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return {
    source: STS,
    name: 'AssumeRoleWithWebIdentity',
    readOnly: true,
    params: { roleArn, roleSessionName: 'GitHubActions', durationSeconds: 3600 },
    response: {
      credentials: { accessKeyId: keyId, expiration: expiration(timeMs, 1) },
      subjectFromWebIdentityToken: subject,
      assumedRoleUser: {
        assumedRoleId: `${roleId}:GitHubActions`,
        arn: `arn:aws:sts::${env.account}:assumed-role/${roleName}/GitHubActions`,
      },
      provider,
      audience: 'sts.amazonaws.com',
    },
    resources: [
      { accountId: env.account, type: 'AWS::IAM::Role', ARN: roleArn },
      { accountId: env.account, type: 'AWS::IAM::OIDCProvider', ARN: provider },
    ],
  };
}

function expiration(timeMs: number, hours: number): string {
  // STS writes this one date in the IAM style, e.g. "May 14, 2024, 4:31:22 PM".
  const d = new Date(timeMs + hours * 3_600_000);
  const month = MONTHS[d.getUTCMonth()];
  const h = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h}:${mm}:${ss} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/** A successful console sign-in. Identity Center sessions report `MFAUsed: No` (MFA is at the IdP). */
export function consoleLogin(env: Env, mfaUsed: boolean): CallSpec {
  const state = env.rng.hex(16);
  return {
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    params: null,
    response: { ConsoleLogin: 'Success' },
    additional: {
      LoginTo: `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_${state}`,
      MobileVersion: 'No',
      MFAUsed: mfaUsed ? 'Yes' : 'No',
    },
    host: 'signin.aws.amazon.com',
  };
}

/** A mistyped password: one failure, far below the brute-force threshold. */
export function consoleLoginFailure(): CallSpec {
  return {
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    params: null,
    response: { ConsoleLogin: 'Failure' },
    // Sign-in failures carry only an errorMessage, no errorCode.
    error: { message: 'Failed authentication' },
    additional: {
      LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      MobileVersion: 'No',
      MFAUsed: 'Yes',
    },
    host: 'signin.aws.amazon.com',
  };
}

export function organizationsRead(env: Env): CallSpec {
  const name = env.rng.pick(['ListAccounts', 'DescribeOrganization', 'ListRoots']);
  return {
    source: 'organizations.amazonaws.com',
    name,
    readOnly: true,
    params: null,
    host: 'organizations.us-east-1.amazonaws.com',
  };
}

export function costAndUsage(timeMs: number): CallSpec {
  const end = isoSeconds(timeMs).slice(0, 10);
  const start = `${end.slice(0, 8)}01`;
  return {
    source: 'ce.amazonaws.com',
    name: 'GetCostAndUsage',
    readOnly: true,
    params: {
      timePeriod: { start, end },
      granularity: 'DAILY',
      metrics: ['UnblendedCost'],
      groupBy: [{ type: 'DIMENSION', key: 'SERVICE' }],
    },
    host: 'ce.us-east-1.amazonaws.com',
  };
}

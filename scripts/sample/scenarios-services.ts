import * as compute from './calls-compute.js';
import * as data from './calls-data.js';
import * as gov from './calls-governance.js';
import * as identity from './calls-identity.js';
import type { Env } from './names.js';
import { accessDeniedMessage, type CallSpec, sessionKey } from './records.js';
import { awsCaller, roleArn, roleId, serviceSession, session } from './sessions.js';
import type { Timeline } from './timeline.js';
import {
  ACCOUNTS,
  BOTO3_UA,
  type Caller,
  iamUser,
  JAVA_SDK_UA,
  NODE_SDK_UA,
  REGIONS,
  type World,
} from './world.js';

/**
 * Benign activity of workloads and services: applications using their roles, AWS Config and
 * Auto Scaling acting through service-linked roles, KMS rotating a key, a security scanner
 * reading every account's baseline, a billing export user.
 */

type Builder = (env: Env) => CallSpec;

/** A workload starts a session through its service and uses its data. */
export function appTraffic(world: World, line: Timeline): void {
  const env = line.env;
  const lambda = line.rng.chance(0.45);
  const role = lambda ? world.workerRole : world.apiTaskRole;
  const service = lambda ? 'lambda.amazonaws.com' : 'ecs-tasks.amazonaws.com';
  const sessionName = lambda ? 'invoice-worker' : line.rng.hex(32);
  const started = { key: sessionKey(line.rng), createdMs: line.now };
  const arn = roleArn(role, line.account);
  line.call(
    awsCaller(service),
    identity.assumeRole(env, arn, roleId(role, line.account), sessionName, started.key, line.now),
    2,
  );
  const natIp = `198.51.100.${(ACCOUNTS.findIndex((a) => a.id === line.account) + 1) * 10 + REGIONS.indexOf(line.region)}`;
  const app = session(
    role,
    line,
    sessionName,
    { sourceIp: natIp, userAgent: lambda ? NODE_SDK_UA : JAVA_SDK_UA, console: false },
    started,
  );
  // Secrets Manager decrypts a secret with KMS on the caller's behalf, under the caller's session.
  const viaSecrets = serviceSession(role, line, sessionName, 'secretsmanager.amazonaws.com', started);
  const calls = line.rng.int(2, 10);
  for (let i = 0; i < calls; i++) {
    const pick = line.rng.int(0, lambda ? 5 : 4);
    if (pick === 0) {
      line.call(app, data.getSecretValue(env), 2);
      line.call(
        viaSecrets,
        data.kmsDecrypt(env, {
          SecretARN: env.names.secretArn(env.account, env.region),
          SecretVersionId: env.rng.uuid(),
        }),
        30,
      );
    } else if (pick === 1) line.call(app, data.kmsGenerateDataKey(env), 30);
    else if (pick === 2) line.call(app, data.getParameter(env), 30);
    else if (pick === 3) line.call(app, data.describeTable(env), 30);
    else if (pick === 4) line.call(app, compute.ecrAuthorizationToken(), 30);
    else line.call(app, data.createLogStream(env, 'invoice-worker', line.now), 30);
  }
}

/** AWS Config's recorder describing resources through its service-linked role. */
export function configRecorder(world: World, line: Timeline): void {
  const env = line.env;
  const config = serviceSession(world.configRole, line, 'AWSConfig-Describe', 'config.amazonaws.com');
  const reads = line.rng.int(4, 16);
  const menu: readonly Builder[] = [
    compute.ec2Read,
    data.getBucketAcl,
    data.getBucketPolicy,
    data.getBucketEncryption,
    data.getBucketVersioning,
    identity.iamRead,
    data.describeTable,
  ];
  for (let i = 0; i < reads; i++) line.call(config, line.rng.pick(menu)(env), 2);
}

/** An Auto Scaling group scaling out or in through its service-linked role. */
export function autoScaling(world: World, line: Timeline): void {
  const env = line.env;
  const asg = serviceSession(world.autoscalingRole, line, 'AutoScaling', 'autoscaling.amazonaws.com');
  const n = line.rng.int(41, 90);
  if (line.rng.chance(0.6))
    line.calls(asg, [compute.runInstances(env, n, line.now), compute.createTags(env, n)], 2);
  else line.call(asg, compute.terminateInstances(env, n));
}

/** KMS rotating a customer managed key: an AWS service event with no caller. */
export function keyRotation(_world: World, line: Timeline): void {
  const kms: Caller = {
    identity: (account) => ({ accountId: account, invokedBy: 'kms.amazonaws.com' }),
    sourceIp: 'kms.amazonaws.com',
    userAgent: 'kms.amazonaws.com',
    console: false,
    invokedBy: 'kms.amazonaws.com',
  };
  line.call(kms, data.kmsRotateKey(line.env));
}

/** The security account's scanner assumes its audit role in an account and reads the baseline. */
export function securityAudit(world: World, line: Timeline): void {
  const env = line.env;
  const scannerId = world.auditRole.ids['123456789012'] ?? 'AROAEXAMPLESCANNER01';
  const started = { key: sessionKey(line.rng), createdMs: line.now };
  const source: Caller = {
    identity: () => ({
      type: 'AWSAccount',
      principalId: `${scannerId}:prowler-scan`,
      accountId: '123456789012',
    }),
    sourceIp: '198.51.100.200',
    userAgent: BOTO3_UA,
    console: false,
  };
  const auditArn = roleArn(world.auditRole, line.account);
  line.call(
    source,
    identity.assumeRole(
      env,
      auditArn,
      roleId(world.auditRole, line.account),
      'prowler-scan',
      started.key,
      line.now,
    ),
    3,
  );
  const scan = session(
    world.auditRole,
    line,
    'prowler-scan',
    { sourceIp: '198.51.100.200', userAgent: BOTO3_UA, console: false },
    started,
  );
  const reads = line.rng.int(15, 40);
  const menu: readonly Builder[] = [
    identity.iamAuditRead,
    gov.cloudTrailRead,
    gov.configRead,
    gov.guardDutyRead,
    gov.securityHubRead,
    data.getBucketPolicy,
    data.getBucketAcl,
    data.getBucketPolicyStatus,
    data.getBucketEncryption,
    compute.ec2Read,
  ];
  for (let i = 0; i < reads; i++) {
    const call = line.rng.pick(menu)(env);
    // One scanner check is not granted by its policy: a lone, expected denial.
    if (i === 0 && line.rng.chance(0.3)) {
      const arn = `arn:aws:sts::${line.account}:assumed-role/${world.auditRole.name}/prowler-scan`;
      line.call(
        scan,
        {
          source: 'account.amazonaws.com',
          name: 'GetAlternateContact',
          readOnly: true,
          params: { alternateContactType: 'SECURITY' },
          error: { code: 'AccessDenied', message: accessDeniedMessage(arn, 'account:GetAlternateContact') },
        },
        2,
      );
    }
    line.call(scan, call, 2);
  }
}

/** The billing export job (an IAM user with an access key) pulls costs and the account list. */
export function billingExport(world: World, line: Timeline): void {
  const userName = 'svc-billing-export';
  const principalId = world.iamUserIds[userName] ?? 'AIDAEXAMPLEBILLING01';
  const bot: Caller = {
    identity: (account) => iamUser(account, userName, principalId, 'AKIAIOSFODNN7EXAMPLE'),
    sourceIp: '198.51.100.201',
    userAgent: BOTO3_UA,
    console: false,
  };
  line.calls(
    bot,
    [identity.costAndUsage(line.now), identity.organizationsRead(line.env), data.listBuckets()],
    5,
  );
}

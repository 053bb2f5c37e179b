import * as compute from './calls-compute.js';
import * as data from './calls-data.js';
import * as gov from './calls-governance.js';
import * as identity from './calls-identity.js';
import * as provisioning from './calls-provisioning.js';
import type { Env } from './names.js';
import { accessDeniedMessage, type CallSpec, sessionKey } from './records.js';
import type { Timeline } from './timeline.js';
import {
  ACCOUNTS,
  assumedRole,
  awsService,
  BOTO3_UA,
  type Caller,
  iamUser,
  JAVA_SDK_UA,
  NODE_SDK_UA,
  REGIONS,
  type RoleDef,
  roleName,
  TERRAFORM_UA,
  type World,
} from './world.js';

/**
 * Benign activity of machines: GitHub Actions deploying through Terraform and CloudFormation,
 * workloads using their roles, AWS Config and Auto Scaling acting through service-linked
 * roles, KMS rotating a key, a security scanner reading every account, a billing export user.
 */

type Builder = (env: Env) => CallSpec;

const PLAN_READS: readonly (readonly [Builder, number])[] = [
  [(env) => compute.ec2Read(env), 6],
  [(env) => identity.iamRead(env), 4],
  [(env) => data.getBucketPolicy(env), 2],
  [(env) => data.getBucketVersioning(env), 1],
  [(env) => data.getBucketEncryption(env), 1],
  [(env) => data.getBucketTagging(env), 1],
  [(env) => data.describeTable(env), 2],
  [(env) => data.getParameter(env), 1],
  [(env) => compute.describeStacks(env), 1],
  [(env) => compute.describeServices(env), 1],
];

function roleArn(role: RoleDef, account: string): string {
  return `arn:aws:iam::${account}:role${role.path}${roleName(role, account)}`;
}

/** A session's key and start, shared by the calls made with it (directly or through a service). */
interface SessionKey {
  readonly key: string;
  readonly createdMs: number;
}

function session(
  role: RoleDef,
  line: Timeline,
  name: string,
  how: Omit<Caller, 'identity'>,
  started?: SessionKey,
): Caller {
  const { key, createdMs } = started ?? { key: sessionKey(line.rng), createdMs: line.now };
  const invokedBy = how.invokedBy;
  return {
    identity: (account) =>
      assumedRole(role, {
        account,
        session: name,
        createdMs,
        accessKeyId: key,
        ...(invokedBy !== undefined && { invokedBy }),
      }),
    ...how,
  };
}

/** A role session whose calls an AWS service makes on the role's behalf (`invokedBy`). */
function serviceSession(
  role: RoleDef,
  line: Timeline,
  name: string,
  service: string,
  started?: SessionKey,
): Caller {
  return session(
    role,
    line,
    name,
    { sourceIp: service, userAgent: service, console: false, invokedBy: service },
    started,
  );
}

function roleId(role: RoleDef, account: string): string {
  return role.ids[account] ?? 'AROAEXAMPLEUNKNOWN01';
}

/** GitHub Actions: web-identity sign-in, a Terraform plan, then one change. */
export function deployRun(world: World, line: Timeline): void {
  const env = line.env;
  const subject = `repo:example-org/orders-service:ref:refs/heads/main`;
  const provider = `arn:aws:iam::${line.account}:oidc-provider/token.actions.githubusercontent.com`;
  const runnerIp = `192.0.2.${line.rng.int(10, 250)}`;
  const key = sessionKey(line.rng);
  const oidc: Caller = {
    identity: () => ({
      type: 'WebIdentityUser',
      principalId: `${provider}:sts.amazonaws.com:${subject}`,
      userName: subject,
      identityProvider: provider,
    }),
    sourceIp: runnerIp,
    userAgent: `${NODE_SDK_UA}sts#3.569.0 configure-aws-credentials-for-github-actions`,
    console: false,
  };
  const started = { key, createdMs: line.now };
  const deployArn = roleArn(world.deployRole, line.account);
  line.call(
    oidc,
    identity.assumeRoleWithWebIdentity(
      env,
      deployArn,
      roleId(world.deployRole, line.account),
      subject,
      key,
      line.now,
    ),
    6,
  );
  const how = { sourceIp: runnerIp, userAgent: TERRAFORM_UA, console: false };
  const terraform = session(world.deployRole, line, 'GitHubActions', how, started);
  const reads = line.rng.int(6, 24);
  for (let i = 0; i < reads; i++) line.call(terraform, line.rng.weighted(PLAN_READS)(env), 3);
  const change = line.rng.weighted<string>([
    ['launch', 3],
    ['terminate', 1],
    ['function', 3],
    ['ecs', 2],
    ['stack', 4],
  ]);
  const n = line.rng.int(1, 40);
  if (change === 'launch')
    line.calls(terraform, [compute.runInstances(env, n, line.now), compute.createTags(env, n)], 4);
  if (change === 'terminate') line.call(terraform, compute.terminateInstances(env, n));
  if (change === 'function') line.call(terraform, compute.updateFunctionCode(env, line.now));
  if (change === 'ecs')
    line.calls(terraform, [compute.updateEcsService(env), compute.describeServices(env)], 10);
  if (change === 'stack') stackDeploy(world, line, runnerIp, started);
}

/** A change set executed by the pipeline, then applied by CloudFormation's execution role. */
function stackDeploy(world: World, line: Timeline, runnerIp: string, started: SessionKey): void {
  const env = line.env;
  const how = { sourceIp: runnerIp, userAgent: `${NODE_SDK_UA}cloudformation#3.569.0`, console: false };
  const cli = session(world.deployRole, line, 'GitHubActions', how, started);
  const [create, describe, execute, ...after] = compute.changeSetCalls(env);
  line.calls(
    cli,
    [create, describe, execute].filter((c): c is CallSpec => c !== undefined),
    8,
  );
  const cfn = serviceSession(
    world.cfnExecRole(line.region),
    line,
    'AWSCloudFormation',
    'cloudformation.amazonaws.com',
  );
  const kind = line.rng.weighted<string>([
    ['update', 6],
    ['function', 2],
    ['bucket', 1],
  ]);
  const suffix = line.rng.hex(6);
  const applied =
    kind === 'function'
      ? provisioning.newFunctionCalls(env, suffix)
      : kind === 'bucket'
        ? provisioning.newBucketCalls(env, suffix)
        : provisioning.stackUpdateCalls(env);
  line.calls(cfn, applied, 4);
  line.calls(cli, after, 15);
}

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

function awsCaller(service: string): Caller {
  return {
    identity: () => awsService(service),
    sourceIp: service,
    userAgent: service,
    console: false,
    invokedBy: service,
  };
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

import * as compute from './calls-compute.js';
import * as data from './calls-data.js';
import * as identity from './calls-identity.js';
import * as provisioning from './calls-provisioning.js';
import type { Env } from './names.js';
import { type CallSpec, sessionKey } from './records.js';
import { roleArn, roleId, type SessionStart, serviceSession, session } from './sessions.js';
import type { Timeline } from './timeline.js';
import { type Caller, NODE_SDK_UA, TERRAFORM_UA, type World } from './world.js';

/**
 * Benign deployments: GitHub Actions signs in with its OIDC token, Terraform reads what it
 * manages (plan) and changes one thing, or a CloudFormation change set is executed and
 * CloudFormation's execution role applies it.
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
  const started = { key, createdMs: line.now, webIdentityProvider: 'token.actions.githubusercontent.com' };
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
function stackDeploy(world: World, line: Timeline, runnerIp: string, started: SessionStart): void {
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

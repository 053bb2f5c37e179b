import * as compute from './calls-compute.js';
import * as data from './calls-data.js';
import * as gov from './calls-governance.js';
import * as identity from './calls-identity.js';
import type { Env } from './names.js';
import { accessDeniedMessage, type CallSpec, sessionKey } from './records.js';
import { isoSeconds } from './time.js';
import type { Timeline } from './timeline.js';
import { assumedRole, type Caller, iamUser, type Person, type RoleDef, type World } from './world.js';

/**
 * Benign activity of people: Identity Center console sessions (sign-in without MFA on the
 * AWS side, as federated sessions are), read-only CLI sessions with the odd denied call, and
 * an IAM user who signs in with MFA and sometimes mistypes the password first.
 */

type Builder = (env: Env, timeMs: number) => CallSpec;

const CONSOLE_READS: readonly (readonly [Builder, number])[] = [
  [(env) => compute.ec2Read(env), 8],
  [(env) => compute.describeImages(env), 1],
  [() => data.listBuckets(), 3],
  [(env) => data.getBucketLocation(env), 2],
  [(env) => data.getBucketPolicyStatus(env), 2],
  [(env) => data.getBucketVersioning(env), 1],
  [(env) => data.getBucketEncryption(env), 1],
  [(env) => compute.describeStacks(env), 3],
  [() => compute.listFunctions(), 2],
  [(env) => compute.getFunction(env), 2],
  [(env) => compute.describeServices(env), 2],
  [(env) => gov.describeAlarms(env), 2],
  [(env) => data.describeLogGroups(env), 2],
  [(env) => gov.cloudTrailRead(env), 1],
  [(env) => gov.configRead(env), 1],
  [(env) => gov.guardDutyRead(env), 1],
  [(env) => gov.securityHubRead(env), 1],
  [(env) => identity.iamRead(env), 3],
  [(_, timeMs) => identity.costAndUsage(timeMs), 1],
  [() => gov.healthRead(), 1],
];

const CLI_READS: readonly (readonly [Builder, number])[] = [
  [(env) => compute.ec2Read(env), 6],
  [() => data.listBuckets(), 2],
  [(env) => data.getBucketPolicy(env), 2],
  [(env) => data.getBucketTagging(env), 1],
  [(env) => data.describeTable(env), 2],
  [(env) => data.getParameter(env), 2],
  [(env) => data.describeLogGroups(env), 2],
  [(env) => compute.describeStacks(env), 2],
  [(env) => identity.iamRead(env), 2],
  [(env) => gov.cloudTrailRead(env), 1],
];

function sso(role: RoleDef, person: Person, line: Timeline, console: boolean): Caller {
  const key = sessionKey(line.rng);
  const createdMs = line.now;
  return {
    identity: (account) => assumedRole(role, { account, session: person.email, createdMs, accessKeyId: key }),
    sourceIp: person.ip,
    userAgent: console ? person.browser : person.cli,
    console,
  };
}

/** A person signs in through Identity Center and looks around the console. */
export function consoleSession(world: World, line: Timeline): void {
  const person = line.rng.pick(world.people);
  const role = line.rng.chance(0.4) ? world.ssoAdmin : world.ssoReadOnly;
  const browsing = sso(role, person, line, true);
  line.call({ ...browsing, console: false }, identity.consoleLogin(line.env, false), 8);
  const reads = line.rng.int(4, 18);
  for (let i = 0; i < reads; i++)
    line.call(browsing, line.rng.weighted(CONSOLE_READS)(line.env, line.now), 40);
}

/** A person with a read-only permission set runs CLI commands; now and then one is denied. */
export function cliSession(world: World, line: Timeline): void {
  const person = line.rng.pick(world.people);
  const caller = sso(world.ssoReadOnly, person, line, false);
  line.call(caller, identity.getCallerIdentity(), 5);
  const reads = line.rng.int(3, 14);
  const deniedAt = line.rng.chance(0.1) ? line.rng.int(0, reads - 1) : -1;
  for (let i = 0; i < reads; i++) {
    if (i === deniedAt) line.call(caller, deniedCall(line, world.ssoReadOnly, person.email), 10);
    else line.call(caller, line.rng.weighted(CLI_READS)(line.env, line.now), 15);
  }
}

/** A read-only session trying something its permission set does not allow. */
function deniedCall(line: Timeline, role: RoleDef, session: string): CallSpec {
  const arn = `arn:aws:sts::${line.account}:assumed-role/${role.name}/${session}`;
  const env = line.env;
  if (line.rng.chance(0.5)) {
    const secret = env.names.secretArn(env.account, env.region);
    return {
      ...data.getSecretValue(env),
      error: {
        code: 'AccessDenied',
        message: `${accessDeniedMessage(arn, 'secretsmanager:GetSecretValue').replace(' because', ` on resource: ${secret} because`)}`,
      },
    };
  }
  return {
    source: 'ssm.amazonaws.com',
    name: 'PutParameter',
    readOnly: false,
    params: { name: `/orders/${env.names.env(env.account)}/feature-flags`, type: 'String', overwrite: true },
    error: { code: 'AccessDeniedException', message: accessDeniedMessage(arn, 'ssm:PutParameter') },
  };
}

/** The one IAM user with console access signs in with MFA (sometimes after a typo). */
export function iamUserConsole(world: World, line: Timeline): void {
  const userName = 'm.rossi';
  const person = world.people[3] as Person;
  const principalId = world.iamUserIds[userName] ?? 'AIDAEXAMPLEUSER00001';
  const signIn: Caller = {
    identity: (account) => iamUser(account, userName, principalId, ''),
    sourceIp: person.ip,
    userAgent: person.browser,
    console: false,
  };
  if (line.rng.chance(0.25)) {
    line.call(signIn, identity.consoleLoginFailure(), 30);
  }
  line.call(signIn, identity.consoleLogin(line.env, true), 8);
  const key = sessionKey(line.rng);
  const createdMs = line.now;
  const browsing: Caller = {
    // Console sessions of IAM users run on temporary credentials that remember the MFA sign-in.
    identity: (account) => ({
      ...iamUser(account, userName, principalId, key),
      sessionContext: {
        sessionIssuer: {},
        webIdFederationData: {},
        attributes: { creationDate: isoSeconds(createdMs), mfaAuthenticated: 'true' },
      },
    }),
    sourceIp: person.ip,
    userAgent: person.browser,
    console: true,
  };
  const reads = line.rng.int(3, 10);
  for (let i = 0; i < reads; i++)
    line.call(browsing, line.rng.weighted(CONSOLE_READS)(line.env, line.now), 40);
}

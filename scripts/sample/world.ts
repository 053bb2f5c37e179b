import { Random, UPPER_ALNUM } from './random.js';
import { isoSeconds } from './time.js';

/**
 * The organization the sample archive comes from: three accounts (documentation account ids),
 * three regions, the people and machines that call AWS, and the `userIdentity` each one
 * produces. Built once from a seed so every name and id is stable.
 */

export interface Account {
  readonly id: string;
  readonly name: string;
  /** Share of the traffic. */
  readonly weight: number;
}

export const ACCOUNTS: readonly Account[] = [
  { id: '111122223333', name: 'prod', weight: 0.45 },
  { id: '444455556666', name: 'staging', weight: 0.33 },
  { id: '123456789012', name: 'security', weight: 0.22 },
];

/** us-east-1 also receives every IAM, STS-global, sign-in and Organizations event. */
export const HOME_REGION = 'us-east-1';
export const REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1'];
/** How regional traffic spreads over the regions. */
export const REGION_WEIGHTS: readonly (readonly [string, number])[] = [
  ['us-east-1', 0.5],
  ['us-west-2', 0.3],
  ['eu-west-1', 0.2],
];

/** Event sources whose events CloudTrail records in us-east-1 whatever the caller's region. */
export const GLOBAL_SOURCES: ReadonlySet<string> = new Set([
  'iam.amazonaws.com',
  'signin.amazonaws.com',
  'organizations.amazonaws.com',
  'account.amazonaws.com',
  'ce.amazonaws.com',
  'health.amazonaws.com',
  'sso.amazonaws.com',
]);

export type UserIdentity = Readonly<Record<string, unknown>>;

/** Someone or something that calls AWS, as CloudTrail describes it. */
export interface Caller {
  /** `userIdentity` when calling in `account` at `timeMs`. */
  readonly identity: (account: string, timeMs: number) => UserIdentity;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Calls made from the console carry `sessionCredentialFromConsole`. */
  readonly console: boolean;
  /** Set when an AWS service makes the call on the caller's behalf (no TLS details then). */
  readonly invokedBy?: string;
}

export interface Person {
  readonly email: string;
  readonly ip: string;
  readonly browser: string;
  readonly cli: string;
}

const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
];
const CLIS = [
  'aws-cli/2.15.42 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#',
  'aws-cli/2.15.38 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1018-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#',
];
export const TERRAFORM_UA =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.48.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/';
export const JAVA_SDK_UA =
  'aws-sdk-java/2.25.40 Linux/5.10.214-202.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.3+9-LTS Java/21.0.3 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy';
export const NODE_SDK_UA =
  'aws-sdk-js/3.569.0 ua/2.0 os/linux#5.10.215-224.859.amzn2.x86_64 lang/js md/nodejs#20.12.2 api/';
export const BOTO3_UA =
  'Boto3/1.34.98 md/Botocore#1.34.98 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.98';

const PEOPLE_NAMES = ['alice.martin', 'bruno.costa', 'chen.wei', 'dana.kowalski', 'emeka.obi', 'freya.lund'];

/** A role and the stable ids CloudTrail shows for it in each account. */
export interface RoleDef {
  readonly name: string;
  /** IAM path, e.g. `/aws-reserved/sso.amazonaws.com/` or `/service-role/`. */
  readonly path: string;
  /** Role unique id (`AROA…`) per account. */
  readonly ids: Readonly<Record<string, string>>;
}

export interface World {
  readonly people: readonly Person[];
  readonly ssoAdmin: RoleDef;
  readonly ssoReadOnly: RoleDef;
  readonly deployRole: RoleDef;
  readonly auditRole: RoleDef;
  readonly apiTaskRole: RoleDef;
  readonly workerRole: RoleDef;
  readonly configRole: RoleDef;
  readonly autoscalingRole: RoleDef;
  /** The per-region CDK CloudFormation execution role. */
  readonly cfnExecRole: (region: string) => RoleDef;
  readonly iamUserIds: Readonly<Record<string, string>>;
}

function roleIds(rng: Random): Record<string, string> {
  return Object.fromEntries(ACCOUNTS.map((a) => [a.id, `AROA${rng.chars(17, UPPER_ALNUM)}`]));
}

/** Builds the cast from a seed. */
export function createWorld(seed: string): World {
  const rng = new Random(`${seed}/world`);
  const role = (name: string, path = '/'): RoleDef => ({ name, path, ids: roleIds(rng) });
  const ssoSuffix = rng.hex(16);
  const people = PEOPLE_NAMES.map((name, index) => ({
    email: `${name}@example.com`,
    ip: index % 2 === 0 ? `203.0.113.${rng.int(10, 250)}` : `198.51.100.${rng.int(10, 250)}`,
    browser: BROWSERS[index % BROWSERS.length] as string,
    cli: CLIS[index % CLIS.length] as string,
  }));
  const cfnRoles = new Map<string, RoleDef>();
  return {
    people,
    ssoAdmin: role(`AWSReservedSSO_AdministratorAccess_${ssoSuffix}`, '/aws-reserved/sso.amazonaws.com/'),
    ssoReadOnly: role(`AWSReservedSSO_ReadOnlyAccess_${rng.hex(16)}`, '/aws-reserved/sso.amazonaws.com/'),
    deployRole: role('github-actions-deploy'),
    auditRole: role('security-audit-readonly'),
    apiTaskRole: role('orders-api-task-role'),
    workerRole: role('invoice-worker-lambda-role', '/service-role/'),
    configRole: role('AWSServiceRoleForConfig', '/aws-service-role/config.amazonaws.com/'),
    autoscalingRole: role('AWSServiceRoleForAutoScaling', '/aws-service-role/autoscaling.amazonaws.com/'),
    cfnExecRole: (region) => {
      let def = cfnRoles.get(region);
      if (!def) {
        const ids: Record<string, string> = {};
        // Derived from the region so the ids do not depend on the order regions are first used.
        const local = rng.fork(`cfn/${region}`);
        for (const account of ACCOUNTS) ids[account.id] = `AROA${local.chars(17, UPPER_ALNUM)}`;
        def = { name: `cdk-hnb659fds-cfn-exec-role-{account}-${region}`, path: '/', ids };
        cfnRoles.set(region, def);
      }
      return def;
    },
    iamUserIds: {
      'svc-billing-export': `AIDA${rng.chars(17, UPPER_ALNUM)}`,
      'm.rossi': `AIDA${rng.chars(17, UPPER_ALNUM)}`,
    },
  };
}

/** The role's name in `account` (CDK role names embed the account id). */
export function roleName(role: RoleDef, account: string): string {
  return role.name.replace('{account}', account);
}

export interface SessionOptions {
  readonly account: string;
  /** Account the role lives in when it differs from the one called (cross-account sessions). */
  readonly homeAccount?: string;
  readonly session: string;
  /** When the session was created. */
  readonly createdMs: number;
  readonly mfa?: boolean;
  readonly accessKeyId: string;
  readonly invokedBy?: string;
  readonly webIdentity?: { readonly provider: string };
}

/** `userIdentity` of a call made with an assumed role's session. */
export function assumedRole(role: RoleDef, options: SessionOptions): UserIdentity {
  const home = options.homeAccount ?? options.account;
  const name = roleName(role, home);
  const id = role.ids[home] ?? 'AROAEXAMPLEUNKNOWN01';
  return {
    type: 'AssumedRole',
    principalId: `${id}:${options.session}`,
    arn: `arn:aws:sts::${home}:assumed-role/${name}/${options.session}`,
    accountId: home,
    accessKeyId: options.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: id,
        arn: `arn:aws:iam::${home}:role${role.path}${name}`,
        accountId: home,
        userName: name,
      },
      webIdFederationData: options.webIdentity
        ? {
            federatedProvider: `arn:aws:iam::${home}:oidc-provider/${options.webIdentity.provider}`,
            attributes: {},
          }
        : {},
      attributes: {
        creationDate: isoSeconds(options.createdMs),
        mfaAuthenticated: options.mfa === true ? 'true' : 'false',
      },
    },
    ...(options.invokedBy !== undefined && { invokedBy: options.invokedBy }),
  };
}

/** `userIdentity` of an IAM user calling with a long-term access key. */
export function iamUser(
  account: string,
  userName: string,
  principalId: string,
  accessKeyId: string,
): UserIdentity {
  return {
    type: 'IAMUser',
    principalId,
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    accessKeyId,
    userName,
  };
}

/** `userIdentity` of an AWS service calling on its own account's behalf. */
export function awsService(service: string): UserIdentity {
  return { type: 'AWSService', invokedBy: service };
}

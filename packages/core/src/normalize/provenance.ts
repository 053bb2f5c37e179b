import type { Provenance } from '../events/change-event.js';
import { StringMemo } from './string-memo.js';
import { UA_CLI_OR_SDK, UA_DEPLOY_TOOL, UA_SERVICE_HOST, userAgentTraits } from './user-agent.js';

/**
 * What provenance is judged from. `roleName` is the session issuer's name for assumed
 * roles (the role), `arn`/`issuerArn` the caller's and the issuer's ARNs.
 */
export interface ProvenanceInput {
  readonly type: string;
  readonly arn?: string | undefined;
  readonly issuerArn?: string | undefined;
  readonly roleName?: string | undefined;
  /** IAM user name, for `IAMUser` callers (CI users are named like CI roles). */
  readonly userName?: string | undefined;
  readonly invokedBy?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly viaConsole: boolean;
  /** OIDC provider of a web-identity session (`identityProvider` or `webIdFederationData.federatedProvider`). */
  readonly webIdentityProvider?: string | undefined;
}

/**
 * Lower-cased role-name signals of CI/CD roles, used when no `deployRoles` pattern matched:
 * - prefix `cdk-` with `-cfn-exec-role-`, `-deploy-role-` or `-publishing-role-` (CDK bootstrap roles);
 * - prefix `githubactions` or `github-actions` (common names for GitHub OIDC roles);
 * - prefix `codebuild-` (CodeBuild service roles);
 * - anything containing `deploy` or `pipeline`.
 */
export function isDeployRoleName(roleName: string): boolean {
  const name = roleName.toLowerCase();
  if (name.startsWith('cdk-')) {
    return (
      name.includes('-cfn-exec-role-') || name.includes('-deploy-role-') || name.includes('-publishing-role-')
    );
  }
  return (
    name.startsWith('githubactions') ||
    name.startsWith('github-actions') ||
    name.startsWith('codebuild-') ||
    name.includes('deploy') ||
    name.includes('pipeline')
  );
}

/** OIDC providers whose sessions are CI runners (GitHub Actions' token issuer). */
const CI_OIDC_PROVIDERS: readonly string[] = ['token.actions.githubusercontent.com'];

/** Identity types that are always a person: root, Identity Center users, SAML users. */
const PERSON_TYPES: ReadonlySet<string> = new Set(['Root', 'IdentityCenterUser', 'SAMLUser']);
/** Identity types that are a person when the user agent is a CLI or SDK (they may also be service accounts). */
const PERSON_WITH_CLI_TYPES: ReadonlySet<string> = new Set(['IAMUser', 'FederatedUser']);

const compiled = new WeakMap<readonly string[], readonly RegExp[]>();

/** `*` and `?` wildcards over a whole ARN, compiled once per settings array. */
function deployPatterns(patterns: readonly string[]): readonly RegExp[] {
  let regexes = compiled.get(patterns);
  if (!regexes) {
    regexes = patterns.map((pattern) => {
      const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
      return new RegExp(`^${body}$`);
    });
    compiled.set(patterns, regexes);
  }
  return regexes;
}

function matchesAny(regexes: readonly RegExp[], value: string | undefined): boolean {
  if (value === undefined) return false;
  for (const regex of regexes) if (regex.test(value)) return true;
  return false;
}

/**
 * Classifies where a call came from. Checked in order, first hit wins:
 * 1. `deploy-pipeline` (explicit signals): the issuer role or caller ARN matches a
 *    `deployRoles` pattern; CloudFormation (`invokedBy` or user agent
 *    `cloudformation.amazonaws.com`); an IaC user agent (`DEPLOY_USER_AGENT_SIGNALS` in user-agent.ts);
 *    a GitHub Actions OIDC session.
 * 2. `aws-service`: type `AWSService`, an `invokedBy` service, a service-linked role
 *    (`AWSServiceRoleFor*`), or a service host as user agent.
 * 3. `human-console`: the call came through the console or sign-in.
 * 4. `human-api` for people: root, Identity Center (`IdentityCenterUser` or an
 *    `AWSReservedSSO_*` role, whatever its permission-set name says) and SAML users.
 * 5. `deploy-pipeline` by role (or IAM user) name ({@link isDeployRoleName}); a heuristic, so it comes
 *    after the console and Identity Center checks (a person in the console is never a pipeline).
 * 6. `human-api`: IAM and federated users whose user agent is a CLI or SDK.
 * 7. `unknown`.
 *
 * @example
 * classifyProvenance({ type: 'AssumedRole', roleName: 'cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1', viaConsole: false });
 * // 'deploy-pipeline'
 */
export function classifyProvenance(input: ProvenanceInput, deployRoles: readonly string[] = []): Provenance {
  return provenanceOf(
    input.type,
    input.arn,
    input.issuerArn,
    input.roleName,
    input.userName,
    input.invokedBy,
    input.userAgent,
    userAgentTraits(input.userAgent),
    input.viaConsole,
    input.webIdentityProvider,
    deployRoles,
  );
}

/** Bounded by its slot count: a flood of distinct role names cannot grow memory. */
const deployNames = new StringMemo<boolean>(2048);

/** {@link isDeployRoleName}, cached: a log repeats a few role names across thousands of records. */
function isDeployRoleNameCached(roleName: string): boolean {
  return deployNames.get(roleName) ?? deployNames.set(roleName, isDeployRoleName(roleName));
}

/**
 * {@link classifyProvenance} with its input as arguments and the user agent's traits already
 * read: normalization calls it once per record, so it builds no input object.
 */
export function provenanceOf(
  type: string,
  arn: string | undefined,
  issuerArn: string | undefined,
  roleName: string | undefined,
  userName: string | undefined,
  invokedBy: string | undefined,
  userAgent: string | undefined,
  traits: number,
  viaConsole: boolean,
  webIdentityProvider: string | undefined,
  deployRoles: readonly string[] | undefined,
): Provenance {
  if (deployRoles !== undefined && deployRoles.length > 0) {
    const regexes = deployPatterns(deployRoles);
    if (matchesAny(regexes, issuerArn) || matchesAny(regexes, arn)) return 'deploy-pipeline';
  }
  if (invokedBy === 'cloudformation.amazonaws.com' || userAgent === 'cloudformation.amazonaws.com') {
    return 'deploy-pipeline';
  }
  if (traits & UA_DEPLOY_TOOL) return 'deploy-pipeline';
  if (webIdentityProvider !== undefined) {
    for (let i = 0; i < CI_OIDC_PROVIDERS.length; i++) {
      if (webIdentityProvider.includes(CI_OIDC_PROVIDERS[i]!)) return 'deploy-pipeline';
    }
  }
  if (type === 'AWSService' || invokedBy !== undefined) return 'aws-service';
  if (roleName?.startsWith('AWSServiceRoleFor')) return 'aws-service';
  if (traits & UA_SERVICE_HOST) return 'aws-service';
  if (viaConsole) return 'human-console';
  if (PERSON_TYPES.has(type) || roleName?.startsWith('AWSReservedSSO_')) return 'human-api';
  const ciName = roleName ?? (type === 'IAMUser' ? userName : undefined);
  if (ciName !== undefined && isDeployRoleNameCached(ciName)) return 'deploy-pipeline';
  if (PERSON_WITH_CLI_TYPES.has(type) && (traits & UA_CLI_OR_SDK) !== 0) return 'human-api';
  return 'unknown';
}

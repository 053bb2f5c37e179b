/**
 * Privilege-escalation methods: sets of actions that let an identity raise its own
 * privileges (attach or write policies, mint credentials for others, pass a privileged role
 * to compute it controls, rewrite code that runs as another role).
 *
 * A method is granted when the document's Allow statements together cover all its actions.
 * Wildcards count (`iam:*` and `iam:Put*` cover `iam:PutRolePolicy`). Statements whose every
 * resource is scoped to the caller itself (`${aws:username}`, `${aws:userid}`) are the
 * standard self-service pattern (rotate your own keys, change your own password) and do not
 * count for user-credential methods.
 *
 * @see https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 * @see https://github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation
 * @see https://bishopfox.com/blog/privilege-escalation-in-aws
 */

import type { Statement } from './types.js';
import { actionMatches, patternCovers, patternsOverlap } from './wildcard.js';

export interface EscalationMethod {
  /** Stable id, kebab-case. */
  readonly id: string;
  /** Every action needed; all must be allowed. */
  readonly actions: readonly string[];
  /** Only counts when the first action is allowed on any resource (e.g. assuming any role). */
  readonly anyResource?: boolean;
  /** Whether a caller-scoped resource (`${aws:username}`) makes the grant harmless. */
  readonly selfScopedIsSafe?: boolean;
  readonly summary: string;
}

const RHINO = 'Rhino Security Labs';

/** The methods, after Rhino Security Labs' 21 IAM escalation paths plus later published ones. */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  {
    id: 'create-policy-version',
    actions: ['iam:CreatePolicyVersion'],
    summary: `new default version of a managed policy (${RHINO} #1)`,
  },
  {
    id: 'set-default-policy-version',
    actions: ['iam:SetDefaultPolicyVersion'],
    summary: `switch a managed policy to an older, wider version (${RHINO} #2)`,
  },
  {
    id: 'pass-role-ec2',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    summary: `launch an instance with a privileged role (${RHINO} #3)`,
  },
  {
    id: 'create-access-key',
    actions: ['iam:CreateAccessKey'],
    selfScopedIsSafe: true,
    summary: `access keys for another user (${RHINO} #4)`,
  },
  {
    id: 'create-login-profile',
    actions: ['iam:CreateLoginProfile'],
    selfScopedIsSafe: true,
    summary: `console password for another user (${RHINO} #5)`,
  },
  {
    id: 'update-login-profile',
    actions: ['iam:UpdateLoginProfile'],
    selfScopedIsSafe: true,
    summary: `reset another user's console password (${RHINO} #6)`,
  },
  {
    id: 'attach-user-policy',
    actions: ['iam:AttachUserPolicy'],
    summary: `attach any managed policy to a user (${RHINO} #7)`,
  },
  {
    id: 'attach-group-policy',
    actions: ['iam:AttachGroupPolicy'],
    summary: `attach any managed policy to a group (${RHINO} #8)`,
  },
  {
    id: 'attach-role-policy',
    actions: ['iam:AttachRolePolicy'],
    summary: `attach any managed policy to a role (${RHINO} #9)`,
  },
  {
    id: 'put-user-policy',
    actions: ['iam:PutUserPolicy'],
    summary: `write an inline policy on a user (${RHINO} #10)`,
  },
  {
    id: 'put-group-policy',
    actions: ['iam:PutGroupPolicy'],
    summary: `write an inline policy on a group (${RHINO} #11)`,
  },
  {
    id: 'put-role-policy',
    actions: ['iam:PutRolePolicy'],
    summary: `write an inline policy on a role (${RHINO} #12)`,
  },
  {
    id: 'add-user-to-group',
    actions: ['iam:AddUserToGroup'],
    summary: `join a more privileged group (${RHINO} #13)`,
  },
  {
    id: 'update-assume-role-policy',
    actions: ['iam:UpdateAssumeRolePolicy'],
    summary: `rewrite a role's trust policy to assume it (${RHINO} #14)`,
  },
  {
    id: 'pass-role-lambda',
    actions: ['iam:PassRole', 'lambda:CreateFunction'],
    summary: `create a function that runs as a privileged role (${RHINO} #15, #16)`,
  },
  {
    id: 'update-function-code',
    actions: ['lambda:UpdateFunctionCode'],
    summary: `replace the code of a function running as another role (${RHINO} #17)`,
  },
  {
    id: 'pass-role-glue',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    summary: `Glue dev endpoint with a privileged role (${RHINO} #18)`,
  },
  {
    id: 'update-dev-endpoint',
    actions: ['glue:UpdateDevEndpoint'],
    summary: `add an SSH key to an existing Glue dev endpoint (${RHINO} #19)`,
  },
  {
    id: 'pass-role-cloudformation',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    summary: `stack that runs as a privileged role (${RHINO} #20)`,
  },
  {
    id: 'pass-role-datapipeline',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    summary: `pipeline that runs commands as a privileged role (${RHINO} #21)`,
  },
  {
    id: 'pass-any-role',
    actions: ['iam:PassRole'],
    anyResource: true,
    summary: 'hand any role, including admin roles, to a service',
  },
  {
    id: 'assume-any-role',
    actions: ['sts:AssumeRole'],
    anyResource: true,
    summary: 'assume any role that trusts the account',
  },
  {
    id: 'delete-user-permissions-boundary',
    actions: ['iam:DeleteUserPermissionsBoundary'],
    summary: "remove the boundary capping a user's permissions",
  },
  {
    id: 'delete-role-permissions-boundary',
    actions: ['iam:DeleteRolePermissionsBoundary'],
    summary: "remove the boundary capping a role's permissions",
  },
  {
    id: 'ssm-send-command',
    actions: ['ssm:SendCommand'],
    summary: 'run commands on instances with their instance-profile credentials',
  },
  {
    id: 'pass-role-sagemaker',
    actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance'],
    summary: 'notebook instance with a privileged role',
  },
  {
    id: 'pass-role-codebuild',
    actions: ['iam:PassRole', 'codebuild:CreateProject'],
    summary: 'build project that runs as a privileged role',
  },
];

/** Every action named by a method, once. */
export const ESCALATION_ACTIONS: readonly string[] = [
  ...new Set(ESCALATION_METHODS.flatMap((m) => m.actions)),
];

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b'];

const SELF_VARIABLE = /\$\{aws:(username|userid)\}/i;

/** The resource patterns of a statement in effect; NotResource means "almost everything". */
function resourcesOf(statement: Statement): readonly string[] {
  return statement.notResource !== undefined ? ['*'] : (statement.resource ?? ['*']);
}

/**
 * True when an Allow statement's action element covers `action` (through `Action`
 * patterns, or through `NotAction` when no excluded pattern matches it).
 *
 * @example
 * ```ts
 * statementAllowsAction(statement, 'iam:PutRolePolicy'); // true for Action: "iam:Put*"
 * ```
 */
export function statementAllowsAction(statement: Statement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notAction !== undefined) return !statement.notAction.some((p) => actionMatches(p, action));
  return (statement.action ?? []).some((p) => actionMatches(p, action));
}

/** True when a resource pattern covers every role of some account (`*`, `arn:aws:iam::111122223333:role/*`). */
function coversAllRoles(resource: string): boolean {
  const parts = resource.split(':');
  if (parts.length < 6) return patternCovers(resource, 'arn:aws:iam::*:role/*');
  return patternCovers(resource, `arn:${parts[1]}:iam::${parts[4]}:role/*`);
}

/**
 * ARN shapes an action's resources take. An escalation action allowed only on resources of
 * another type (`iam:AttachRolePolicy` on an S3 bucket) grants nothing.
 */
function shapesOf(action: string): readonly string[] {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  // SendCommand names both the instances and the SSM document; AssumeRole names a role.
  const heads = service === 'sts' ? ['iam::'] : service === 'ssm' ? ['ssm:', 'ec2:'] : [`${service}:`];
  // Partitions are spelled out: a `*` there could swallow the service segment and overlap anything.
  return PARTITIONS.flatMap((partition) => heads.map((head) => `arn:${partition}:${head}*`));
}

const SHAPES = new Map(ESCALATION_ACTIONS.map((action) => [action, shapesOf(action)]));

/** Whether a resource pattern can name a resource of the action's type: action → pattern → answer. */
const shapeOverlaps = new Map<string, Map<string, boolean>>();
let shapeEntries = 0;

function overlapsShape(resource: string, action: string): boolean {
  // `*` overlaps every shape; it is by far the most common resource.
  if (resource === '*') return true;
  let byResource = shapeOverlaps.get(action);
  const hit = byResource?.get(resource);
  if (hit !== undefined) return hit;
  const overlaps = (SHAPES.get(action) ?? shapesOf(action)).some((shape) => patternsOverlap(resource, shape));
  // Bounded: a stream of unique resource ARNs must not grow memory.
  if (shapeEntries >= 10_000) {
    shapeOverlaps.clear();
    shapeEntries = 0;
    byResource = undefined;
  }
  if (!byResource) {
    byResource = new Map();
    shapeOverlaps.set(action, byResource);
  }
  byResource.set(resource, overlaps);
  shapeEntries++;
  return overlaps;
}

/** Per action pattern, the escalation actions it matches (bounded like the other pattern caches). */
const patternEscalations = new Map<string, ReadonlySet<string>>();

function escalationsMatching(pattern: string): ReadonlySet<string> {
  const hit = patternEscalations.get(pattern);
  if (hit) return hit;
  const matched = new Set(ESCALATION_ACTIONS.filter((action) => actionMatches(pattern, action)));
  if (patternEscalations.size >= 10_000) patternEscalations.clear();
  patternEscalations.set(pattern, matched);
  return matched;
}

/**
 * The escalation actions an Allow statement's action element covers: {@link statementAllowsAction}
 * for every escalation action at once, from per-pattern answers instead of one match per
 * (pattern, action) pair.
 */
function allowedEscalationActions(statement: Statement): ReadonlySet<string> {
  const patterns = statement.notAction ?? statement.action ?? [];
  const matched = new Set<string>();
  for (const pattern of patterns) for (const action of escalationsMatching(pattern)) matched.add(action);
  if (statement.notAction === undefined) return matched;
  return new Set(ESCALATION_ACTIONS.filter((action) => !matched.has(action)));
}

/** The method-independent part: the statement allows the action on a resource of its type. */
function allowsOnShape(statement: Statement, allowed: ReadonlySet<string>, action: string): boolean {
  return allowed.has(action) && resourcesOf(statement).some((r) => overlapsShape(r, action));
}

/** The method-specific part, for a statement that {@link allowsOnShape}. */
function countsFor(statement: Statement, method: EscalationMethod, action: string): boolean {
  const resources = resourcesOf(statement);
  if (method.anyResource && action === method.actions[0]) return resources.some(coversAllRoles);
  if (method.selfScopedIsSafe && resources.every((r) => SELF_VARIABLE.test(r))) return false;
  return true;
}

/** Escalation found in a document: the method, and per action the statements that grant it. */
export interface EscalationFinding {
  readonly method: EscalationMethod;
  readonly grantedBy: ReadonlyMap<string, readonly number[]>;
}

/**
 * The escalation methods that a document's Allow statements grant, all actions considered
 * together across statements. Deny statements are not subtracted (see `analyzeGrants`).
 *
 * @example
 * ```ts
 * findEscalations(parsePolicy({ Statement: { Effect: 'Allow', Action: 'iam:Attach*', Resource: '*' } }).statements)
 *   .map((f) => f.method.id); // ['attach-user-policy', 'attach-group-policy', 'attach-role-policy']
 * ```
 */
export function findEscalations(statements: readonly Statement[]): readonly EscalationFinding[] {
  const found: EscalationFinding[] = [];
  const allows = statements
    .filter((s) => s.effect === 'Allow')
    .map((s) => ({ s, allowed: allowedEscalationActions(s) }))
    .filter((a) => a.allowed.size > 0);
  // Most documents (bucket, key and trust policies, read-only grants) allow no escalation action.
  if (allows.length === 0) return found;
  // Per action, the statements allowing it: `iam:PassRole` alone is named by nine methods.
  const allowing = new Map<string, readonly Statement[]>();
  for (const method of ESCALATION_METHODS) {
    const grantedBy = new Map<string, readonly number[]>();
    for (const action of method.actions) {
      let candidates = allowing.get(action);
      if (!candidates) {
        candidates = allows.filter((a) => allowsOnShape(a.s, a.allowed, action)).map((a) => a.s);
        allowing.set(action, candidates);
      }
      const by = candidates.filter((s) => countsFor(s, method, action)).map((s) => s.index);
      if (by.length === 0) break;
      grantedBy.set(action, by);
    }
    if (grantedBy.size === method.actions.length) found.push({ method, grantedBy });
  }
  return found;
}

/**
 * IAM policy evaluation: would AWS allow this request, given these policies?
 *
 * Follows the documented evaluation logic (links below), in this order:
 * 1. an applicable `Deny` in any policy (SCP, RCP, resource, identity, boundary, session) →
 *    `explicit-deny`;
 * 2. SCPs — every level (root, OUs, account) must have an applicable `Allow`. They apply to
 *    IAM users, roles, sessions and the root user of member accounts; not to the management
 *    account (`managementAccount`), service-linked roles, AWS service principals or anonymous
 *    callers. Given SCPs are those of the principal's account;
 * 3. RCPs — the same per level, for the resource's account; they apply to every caller
 *    except service-linked roles, and not when the resource is in the management account;
 * 4. the grant itself:
 *    - same account: an identity-policy Allow (capped by the permissions boundary and, for a
 *      session, the session policy) OR a resource-policy Allow. How much of that cap still
 *      applies to a resource-policy grant depends on how it names the caller (IAM "Resource-
 *      based policies and implicit denies" table): naming the IAM user, the role session or
 *      the service grants on its own; naming the role ARN is still capped by the boundary and
 *      session policy; naming the account (`123456789012` or its `:root`) only delegates to the
 *      account's identity policies. Naming everyone (`*`, `{"AWS": "*"}`, or an Allow with
 *      `NotPrincipal`) is read as a direct grant: the table is silent on it, and reporting
 *      such access as possible is the safe side for a security tool;
 *    - cross account: the identity side (with its caps) AND the resource policy must allow;
 *    - AWS service principals and anonymous callers only through the resource policy;
 *    - the root user has every permission of its own account (identity side implicit);
 *    - role trust policies and KMS key policies must allow in every case
 *      (`resourcePolicyRequired`, on by default for `sts:AssumeRole*` and `kms:*` when a
 *      resource policy is given); naming the account there enables identity policies.
 *
 * Fail-closed choices: a statement whose condition cannot be evaluated (unknown operator,
 * malformed value) is treated as not applying when it allows and as applying when it denies,
 * and a warning says so. `Deny` with `NotPrincipal` always applies to an IAM user or role
 * that has a permissions boundary (documented IAM behaviour).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */

import { defaultContextKeys, RequestContext } from './context-keys.js';
import {
  governingPolicies,
  type LoadedPolicy,
  type LoadedPolicySet,
  loadPolicySet,
  type PolicyKind,
  type PolicySet,
} from './policy-set.js';
import {
  type PrincipalIdentity,
  principalIdentity,
  resourceAccountOf,
  type SimulationRequest,
} from './simulate-request.js';
import {
  applicableStatements,
  citeStatement,
  type StatementHit,
  type StatementRequest,
} from './statement-applies.js';
import type { Effect } from './types.js';

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny';

export interface EvaluateOptions {
  /** Request time for `aws:CurrentTime`/`aws:EpochTime` (default: now). */
  readonly now?: Date;
}

export interface DecidingStatement {
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly statement: number;
  readonly sid?: string;
  readonly effect: Effect;
}

export interface EvaluationResult {
  readonly decision: Decision;
  /** The denies that decided, or the allows of every layer the grant needed; empty for an implicit deny. */
  readonly deciding: readonly DecidingStatement[];
  /** Why, in order, readable. */
  readonly reasons: readonly string[];
  /** Statements that could not be fully evaluated, and inputs that were ignored. */
  readonly warnings: readonly string[];
}

const REQUIRES_RESOURCE_POLICY = /^(sts:assumerole(withsaml|withwebidentity)?|kms:.+)$/i;

const isIam = (who: PrincipalIdentity): boolean =>
  who.type === 'user' || who.type === 'role' || who.type === 'assumed-role';

function toDeciding(hits: readonly StatementHit[]): DecidingStatement[] {
  const seen = new Set<string>();
  const out: DecidingStatement[] = [];
  for (const { policy, statement } of hits) {
    const key = `${policy.kind}\u0000${policy.name}\u0000${statement.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      policy: policy.name,
      kind: policy.kind,
      statement: statement.index,
      ...(statement.sid ? { sid: statement.sid } : {}),
      effect: statement.effect,
    });
  }
  return out;
}

/** Allows of every organization level, or the first level without one. */
function guardrails(
  levels: readonly (readonly LoadedPolicy[])[],
  label: string,
  req: StatementRequest,
): { readonly allows: StatementHit[]; readonly gap?: string } {
  const allows: StatementHit[] = [];
  for (const [l, level] of levels.entries()) {
    const found = applicableStatements(level, 'Allow', req);
    if (found.length === 0) {
      const names = level.map((p) => `"${p.name}"`).join(', ') || 'no policy attached';
      return {
        allows,
        gap: `${label} level ${l + 1} (${names}) has no Allow for ${req.action} on ${req.resource}`,
      };
    }
    allows.push(...found);
  }
  return { allows };
}

interface Grant {
  readonly allowed: boolean;
  readonly hits: readonly StatementHit[];
  readonly reasons: readonly string[];
}

/** Step 4: whether identity, boundary, session and resource policies together grant the request. */
function decideGrant(
  policies: LoadedPolicySet,
  req: StatementRequest,
  crossAccount: boolean,
  required: boolean,
): Grant {
  const { who } = req;
  const iam = isIam(who);
  const identityAllows = applicableStatements(policies.identity, 'Allow', req);
  const boundaryAllows = applicableStatements(policies.boundary, 'Allow', req);
  const sessionAllows = applicableStatements(policies.session, 'Allow', req);
  const resourceAllows = applicableStatements(policies.resource, 'Allow', req);
  const boundaryOk = policies.boundary.length === 0 || boundaryAllows.length > 0;
  const sessionOk = policies.session.length === 0 || sessionAllows.length > 0;
  const caps = [...boundaryAllows, ...sessionAllows];
  const identityPath = who.type === 'root' || (iam && identityAllows.length > 0 && boundaryOk && sessionOk);
  // The root user *is* its account, so an account principal names it directly.
  const direct = resourceAllows.filter((h) =>
    h.match === 'account' ? who.type === 'root' : h.match !== 'role',
  );
  const viaRole = resourceAllows.filter((h) => h.match === 'role');
  const hits: StatementHit[] = [];
  const reasons: string[] = [];
  let allowed = false;
  const grant = (...contributing: StatementHit[]): void => {
    allowed = true;
    hits.push(...contributing);
  };

  if (!iam && who.type !== 'root') {
    if (direct.length > 0) grant(...direct);
    const caller = who.type === 'service' ? 'AWS service principal' : 'anonymous caller';
    if (!allowed && policies.resource.length === 0) {
      reasons.push(`an ${caller} can only be allowed by a resource policy, and none was given`);
    } else if (!allowed) reasons.push(`the resource policy does not allow this ${caller}`);
    return { allowed, hits, reasons };
  }
  if (crossAccount) {
    if (identityPath && resourceAllows.length > 0) grant(...identityAllows, ...caps, ...resourceAllows);
    else reasons.push('cross-account request: the identity side and the resource policy must both allow');
  } else {
    if (identityPath && !required) grant(...identityAllows, ...caps);
    if (identityPath && required && resourceAllows.length > 0)
      grant(...identityAllows, ...caps, ...resourceAllows);
    if (direct.length > 0) grant(...direct);
    if (viaRole.length > 0 && boundaryOk && sessionOk) grant(...viaRole, ...caps);
    if (!allowed && required && identityPath) {
      reasons.push(`${req.action} needs the resource policy (trust or key policy) to allow, and it does not`);
    }
  }
  if (allowed || !iam) return { allowed, hits, reasons };
  if (identityAllows.length === 0) reasons.push(`no identity policy allows ${req.action} on ${req.resource}`);
  else if (!boundaryOk)
    reasons.push(`the permissions boundary does not allow ${req.action} (identity policies do)`);
  else if (!sessionOk) reasons.push(`the session policy does not allow ${req.action} (identity policies do)`);
  if (policies.resource.length > 0 && resourceAllows.length === 0) {
    reasons.push('the resource policy does not allow this principal');
  }
  if (viaRole.length > 0)
    reasons.push('the resource policy names the role, which the boundary and session policy still cap');
  if (resourceAllows.some((h) => h.match === 'account')) {
    reasons.push(
      "the resource policy names the principal's account, which only delegates to its identity policies",
    );
  }
  return { allowed, hits, reasons };
}

/**
 * Evaluates one request against the policies that govern it, the way AWS does (see the
 * module notes for the exact rules and the cases decided conservatively).
 *
 * Throws {@link PolicyParseError} for a malformed policy (naming it) and `ParseError` for a
 * principal whose ARN contradicts its type.
 *
 * @example
 * ```ts
 * const result = evaluate(
 *   { action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/report.csv',
 *     principal: { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice' } },
 *   { identity: [{ name: 'read', document: { Version: '2012-10-17',
 *       Statement: { Effect: 'Allow', Action: 's3:Get*', Resource: '*' } } }] },
 * );
 * result.decision; // 'allowed'
 * result.deciding; // [{ policy: 'read', kind: 'identity', statement: 0, effect: 'Allow' }]
 * ```
 */
export function evaluate(
  request: SimulationRequest,
  policies: PolicySet,
  options: EvaluateOptions = {},
): EvaluationResult {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const stated = principalIdentity(request.principal);
  const knownResourceAccount = request.resourceAccount ?? resourceAccountOf(request.resource);
  const resourceAccount = knownResourceAccount ?? stated.account;
  // A principal given without account is taken to live beside the resource.
  const who =
    stated.account === undefined && resourceAccount !== undefined && (isIam(stated) || stated.type === 'root')
      ? principalIdentity({ ...request.principal, account: resourceAccount })
      : stated;
  if (knownResourceAccount === undefined && resourceAccount !== undefined) {
    reasons.push(
      `resource account not given and not in the ARN: taken to be the principal's (${resourceAccount})`,
    );
  }
  const notes = { reasons, warnings };
  const governing = governingPolicies(
    loadPolicySet(policies),
    who,
    resourceAccount,
    policies.managementAccount,
    notes,
  );
  const context = RequestContext.of(
    defaultContextKeys(who, {
      ...(resourceAccount ? { resourceAccount } : {}),
      now: options.now ?? new Date(),
    }),
    request.context,
  );
  const req: StatementRequest = {
    action: request.action,
    resource: request.resource,
    who,
    context,
    hasBoundary: governing.boundary.length > 0,
    warnings,
  };
  const result = (decision: Decision, deciding: readonly StatementHit[]): EvaluationResult => ({
    decision,
    deciding: toDeciding(deciding),
    reasons,
    warnings,
  });

  // 1. An explicit deny anywhere wins.
  const all = [
    ...governing.scps.flat(),
    ...governing.rcps.flat(),
    ...governing.resource,
    ...governing.identity,
    ...governing.boundary,
    ...governing.session,
  ];
  const denies = applicableStatements(all, 'Deny', req);
  if (denies.length > 0) {
    for (const hit of denies) reasons.push(`explicit Deny in ${citeStatement(hit)}`);
    return result('explicit-deny', denies);
  }

  // 2–3. Every SCP level (principal's account) and RCP level (resource's account) must allow.
  const scp = guardrails(governing.scps, 'SCP', req);
  const rcp = scp.gap ? scp : guardrails(governing.rcps, 'RCP', req);
  const gap = scp.gap ?? rcp.gap;
  if (gap) {
    reasons.push(gap);
    return result('implicit-deny', []);
  }

  // 4. Identity, boundary, session and resource policies.
  const crossAccount =
    (isIam(who) || who.type === 'root') &&
    who.account !== undefined &&
    resourceAccount !== undefined &&
    who.account !== resourceAccount;
  if (crossAccount)
    reasons.push(`cross-account request: principal in ${who.account}, resource in ${resourceAccount}`);
  const required =
    policies.resourcePolicyRequired ??
    (governing.resource.length > 0 && REQUIRES_RESOURCE_POLICY.test(request.action));
  const granted = decideGrant(governing, req, crossAccount, required);
  reasons.push(...granted.reasons);
  if (!granted.allowed) return result('implicit-deny', []);
  // A boundary or session statement can cap more than one path; cite it once.
  for (const hit of new Set(granted.hits)) reasons.push(`allowed by ${citeStatement(hit)}`);
  if (who.type === 'root' && !granted.hits.some((h) => h.policy.kind === 'resource')) {
    reasons.push('the root user has every permission in its own account');
  }
  return result('allowed', [...scp.allows, ...rcp.allows, ...granted.hits]);
}

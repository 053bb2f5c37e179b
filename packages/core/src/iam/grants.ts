/**
 * Grants analysis: the risky things a policy document allows.
 *
 * Decisions:
 * - Allow-only. A Deny that cancels an Allow does not suppress the Allow's grant: a Deny is
 *   easy to drop later, and "admin minus a Deny" is still worth a look. Losing a Deny is
 *   what {@link compareGrants} reports as a removed restriction.
 * - `admin`: an identity statement (no `Principal`) allowing `*`/`*:*` on every resource
 *   (`*`, `arn:*`, `arn:aws:*:*:*:*`, or any `NotResource` — "all but a few resources"), or a
 *   `NotAction` allow on every resource that still leaves IAM policy writes (so it can grant
 *   itself the rest) or most major services (e.g. `PowerUserAccess`). Admin statements are
 *   not also reported as service wildcards or escalation: admin says it all.
 * - `service-wildcard`: action patterns covering a whole service (`s3:*`) or with a wildcard
 *   in the service prefix (`*:Get*`, `*` on limited resources).
 * - `privilege-escalation`: identity statements only (resource and trust policies grant
 *   access to their own resource, judged by the principal checks); see `escalation.ts`.
 * - `public-principal` / `cross-account-principal` / `unrestricted-web-identity`: see
 *   `principals.ts`. Cross-account needs a {@link TrustContext}
 *   with `ownerAccount` or `allowedAccounts`; without one nothing is called cross-account.
 */

import { findEscalations, statementAllowsAction } from './escalation.js';
import { IdentityMemo } from './memo.js';
import {
  conditionRestriction,
  hasPublicPrincipal,
  principalEntries,
  principalLabels,
  unrestrictedWebIdentityProviders,
} from './principals.js';
import type { Grant, GrantKind, GrantsReport, PolicyDocument, Statement, TrustContext } from './types.js';
import { hasWildcard, patternCovers } from './wildcard.js';

/** IAM writes that let an identity grant itself everything else. */
const IAM_SELF_GRANT = [
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
];

/** Major services used to judge whether a `NotAction` allow leaves "most" of AWS. */
const MAJOR_SERVICES = [
  'ec2',
  's3',
  'lambda',
  'rds',
  'dynamodb',
  'kms',
  'secretsmanager',
  'ssm',
  'sts',
  'cloudtrail',
  'config',
  'sns',
  'sqs',
  'cloudformation',
  'ecs',
  'eks',
  'logs',
  'guardduty',
  'organizations',
  'iam',
];

const KIND_ORDER: readonly GrantKind[] = [
  'admin',
  'not-action-allow',
  'service-wildcard',
  'privilege-escalation',
  'public-principal',
  'cross-account-principal',
  'unrestricted-web-identity',
];

/** True when a resource pattern covers every ARN. */
export function isAnyResource(pattern: string): boolean {
  return patternCovers(pattern, 'arn:aws:*:*:*:*');
}

/** True when the statement applies to every resource (`NotResource` counts: "all but a few"). */
export function appliesToAllResources(statement: Statement): boolean {
  if (statement.notResource !== undefined) return true;
  return (statement.resource ?? []).some(isAnyResource);
}

function isIdentityStatement(statement: Statement): boolean {
  return statement.principal === undefined && statement.notPrincipal === undefined;
}

/** True for a pattern that covers a whole service or more (`s3:*`, `*:Get*`, `*`). */
export function isServiceWildcard(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  if (colon === -1) return hasWildcard(pattern);
  const service = pattern.slice(0, colon);
  return hasWildcard(service) || patternCovers(pattern, `${service}:*`, true);
}

function isAdmin(statement: Statement): boolean {
  if (statement.effect !== 'Allow' || !isIdentityStatement(statement) || !appliesToAllResources(statement))
    return false;
  if (statement.action) return statement.action.some((p) => patternCovers(p, '*:*', true));
  const notAction = statement.notAction ?? [];
  const leavesIam = IAM_SELF_GRANT.some((action) => statementAllowsAction(statement, action));
  const remaining = MAJOR_SERVICES.filter(
    (svc) => !notAction.some((p) => patternCovers(p, `${svc}:*`, true)),
  );
  return leavesIam || remaining.length * 2 > MAJOR_SERVICES.length;
}

const list = (values: readonly string[]): string => values.join(', ');

function on(statement: Statement): string {
  if (statement.notResource) return ` on all resources except ${list(statement.notResource)}`;
  return statement.resource ? ` on ${list(statement.resource)}` : '';
}

function actionsText(statement: Statement): string {
  return statement.notAction
    ? `every action except ${list(statement.notAction)}`
    : list(statement.action ?? []);
}

function base(statement: Statement): Pick<Grant, 'statement' | 'sid' | 'resources'> {
  return {
    statement: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    ...(statement.resource ? { resources: statement.resource } : {}),
  };
}

function principalGrants(statement: Statement, trust: TrustContext): Grant[] {
  const out: Grant[] = [];
  const restriction = conditionRestriction(statement);
  const what = `${actionsText(statement)}${on(statement)}`;
  if (hasPublicPrincipal(statement) && !restriction.restricting) {
    const principals = statement.notPrincipal
      ? principalLabels(statement)
      : principalEntries(statement.principal)
          .filter((e) => e.public)
          .map((e) => e.value);
    out.push({
      kind: 'public-principal',
      ...base(statement),
      actions: statement.action ?? statement.notAction ?? [],
      principals,
      detail: `Anyone (${list(principals)}) may ${what}`,
    });
  }
  const trusted = new Set([
    ...(trust.ownerAccount ? [trust.ownerAccount] : []),
    ...(trust.allowedAccounts ?? []),
  ]);
  if (trusted.size === 0) return out;
  const orgRestricted =
    trust.organizationId !== undefined &&
    restriction.organizations.length > 0 &&
    restriction.organizations.every((o) => o === trust.organizationId);
  const accountRestricted =
    restriction.accounts.length > 0 && restriction.accounts.every((a) => trusted.has(a));
  if (orgRestricted || accountRestricted) return out;
  const foreign = principalEntries(statement.principal)
    .filter((e) => e.account !== undefined && !trusted.has(e.account))
    .map((e) => e.value);
  // A public principal narrowed by a condition to someone else's account or organization is cross-account access too.
  if (hasPublicPrincipal(statement) && restriction.restricting) {
    foreign.push(...restriction.accounts.filter((a) => !trusted.has(a)));
    if (trust.organizationId !== undefined)
      foreign.push(...restriction.organizations.filter((o) => o !== trust.organizationId));
  }
  if (foreign.length > 0) {
    out.push({
      kind: 'cross-account-principal',
      ...base(statement),
      actions: statement.action ?? statement.notAction ?? [],
      principals: foreign,
      detail: `Outside accounts or organizations (${list(foreign)}) may ${what}`,
    });
  }
  return out;
}

function statementGrants(
  statement: Statement,
  trust: TrustContext,
  escalations: ReadonlyMap<number, ReadonlySet<string>>,
): Grant[] {
  if (statement.effect !== 'Allow') return [];
  const out: Grant[] = [];
  const admin = isAdmin(statement);
  if (admin)
    out.push({
      kind: 'admin',
      ...base(statement),
      actions: statement.action ?? statement.notAction ?? [],
      detail: `Allow ${actionsText(statement)}${on(statement) || ' on *'} (administrator access)`,
    });
  if (statement.notAction)
    out.push({
      kind: 'not-action-allow',
      ...base(statement),
      actions: statement.notAction,
      detail: `Allow ${actionsText(statement)}${on(statement)}`,
    });
  if (!admin) {
    const wide = (statement.action ?? []).filter(isServiceWildcard);
    if (wide.length > 0)
      out.push({
        kind: 'service-wildcard',
        ...base(statement),
        actions: wide,
        detail: `Allow ${list(wide)}${on(statement)}`,
      });
    const escalation = [...(escalations.get(statement.index) ?? [])];
    if (escalation.length > 0)
      out.push({
        kind: 'privilege-escalation',
        ...base(statement),
        actions: escalation,
        detail: `Allow ${list(escalation)}${on(statement)} (privilege escalation)`,
      });
  }
  out.push(...principalGrants(statement, trust));
  for (const provider of unrestrictedWebIdentityProviders(statement)) {
    out.push({
      kind: 'unrestricted-web-identity',
      ...base(statement),
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [provider.principal],
      detail: `Any identity from ${provider.provider} may assume this role (${provider.missing})`,
    });
  }
  return out;
}

/**
 * Escalations per statement list: they do not depend on the trust context, so the analyses of
 * one document under several contexts share them.
 */
const escalationMemo = new WeakMap<readonly Statement[], ReadonlyMap<number, ReadonlySet<string>>>();

/** Per statement index, the escalation actions it contributes to a complete method. */
function escalationsByStatement(statements: readonly Statement[]): ReadonlyMap<number, ReadonlySet<string>> {
  const hit = escalationMemo.get(statements);
  if (hit) return hit;
  const byStatement = new Map<number, Set<string>>();
  for (const finding of findEscalations(statements.filter(isIdentityStatement))) {
    for (const [action, indexes] of finding.grantedBy) {
      for (const index of indexes) {
        const set = byStatement.get(index) ?? new Set<string>();
        set.add(action);
        byStatement.set(index, set);
      }
    }
  }
  escalationMemo.set(statements, byStatement);
  return byStatement;
}

/**
 * Lists the risky grants of a parsed policy document.
 *
 * @example
 * ```ts
 * const report = analyzeGrants(parsePolicy(text), { ownerAccount: '111122223333', organizationId: 'o-a1b2c3d4e5' });
 * if (report.admin) alert('policy grants administrator access');
 * report.grants.map((g) => `${g.kind}: ${g.detail}`);
 * ```
 */
export function analyzeGrants(doc: PolicyDocument, trust: TrustContext = {}): GrantsReport {
  const key = trustKey(trust);
  return reports.get(doc, key) ?? reports.set(doc, key, computeGrants(doc, trust));
}

/** Reports per document (parsed documents are shared through the parse memo) and trust context. */
const reports = new IdentityMemo<PolicyDocument, GrantsReport>();

/**
 * A trust context as a memo key. `undefined` and empty values are kept apart where the analysis
 * tells them apart (an empty `organizationId` is still "set").
 *
 * @example
 * trustKey({ ownerAccount: '111122223333' }); // '["111122223333",[],null]'
 */
export function trustKey(trust: TrustContext): string {
  const hit = trustKeys.get(trust);
  if (hit !== undefined) return hit;
  const key = JSON.stringify([
    trust.ownerAccount ?? null,
    trust.allowedAccounts ?? [],
    trust.organizationId ?? null,
  ]);
  trustKeys.set(trust, key);
  return key;
}

/** Rules pass one (immutable) trust context to several analyses of an event. */
const trustKeys = new WeakMap<TrustContext, string>();

function computeGrants(doc: PolicyDocument, trust: TrustContext): GrantsReport {
  const escalations = escalationsByStatement(doc.statements);
  const grants = doc.statements
    .flatMap((statement) => statementGrants(statement, trust, escalations))
    .sort((a, b) => a.statement - b.statement || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return { grants, admin: grants.some((grant) => grant.kind === 'admin') };
}

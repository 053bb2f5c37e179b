/**
 * Whether one policy statement applies to a request: action (`Action`/`NotAction`, case-
 * insensitive), resource (`Resource`/`NotResource`, case-sensitive, policy variables
 * substituted for `2012-10-17` documents), principal (`Principal`/`NotPrincipal`, resource
 * policies and RCPs only) and `Condition`.
 *
 * Fail-closed rules, so that what we cannot read never widens access:
 * - a condition that cannot be evaluated: an Allow does not apply, a Deny does;
 * - a resource-policy statement without `Principal`/`NotPrincipal` (IAM rejects it): same;
 * - an unresolvable variable in `Resource` matches nothing; in `NotResource` it makes the
 *   statement not apply (IAM calls such a statement invalid);
 * - `Deny` with `NotPrincipal` applies to any IAM user or role with a permissions boundary,
 *   whatever the list says (documented IAM behaviour).
 */

import { evaluateCondition } from './conditions.js';
import type { RequestContext } from './context-keys.js';
import type { LoadedPolicy, PolicyKind } from './policy-set.js';
import {
  notPrincipalExempts,
  notPrincipalNames,
  type PrincipalMatch,
  principalMatch,
} from './principal-match.js';
import type { PrincipalIdentity } from './simulate-request.js';
import type { Effect, Statement } from './types.js';
import { actionMatches, arnMatches } from './wildcard.js';

/** The request as statements see it. */
export interface StatementRequest {
  readonly action: string;
  readonly resource: string;
  readonly who: PrincipalIdentity;
  readonly context: RequestContext;
  /** The principal has a permissions boundary (for the NotPrincipal rule). */
  readonly hasBoundary: boolean;
  /** Collects what could not be evaluated. */
  readonly warnings: string[];
}

/** An applicable statement; `match` says how a resource policy or RCP names the caller. */
export interface StatementHit {
  readonly policy: LoadedPolicy;
  readonly statement: Statement;
  readonly match?: PrincipalMatch;
}

const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(['resource', 'rcp']);

/**
 * Cites a statement for reasons and warnings.
 *
 * @example
 * ```ts
 * citeStatement(hit); // 'identity policy "dev.json" statement 1 (DenyLogs)'
 * ```
 */
export function citeStatement(hit: Pick<StatementHit, 'policy' | 'statement'>): string {
  const sid = hit.statement.sid ? ` (${hit.statement.sid})` : '';
  return `${hit.policy.kind} policy "${hit.policy.name}" statement ${hit.statement.index}${sid}`;
}

function principalApplies(
  statement: Statement,
  policy: LoadedPolicy,
  req: StatementRequest,
): PrincipalMatch | undefined {
  const deny = statement.effect === 'Deny';
  if (statement.principal) return principalMatch(statement.principal, req.who);
  if (statement.notPrincipal) {
    const excluded = deny
      ? notPrincipalExempts(statement.notPrincipal, req.who)
      : notPrincipalNames(statement.notPrincipal, req.who);
    return excluded && !(deny && req.hasBoundary) ? undefined : 'wildcard';
  }
  req.warnings.push(
    `${citeStatement({ policy, statement })} has no Principal; treated as ${deny ? 'applying (fail closed)' : 'not applying'}`,
  );
  return deny ? 'wildcard' : undefined;
}

/**
 * The statement as a hit when it applies to the request, else undefined.
 *
 * @example
 * ```ts
 * statementApplies(policy.doc.statements[0]!, policy, request); // { policy, statement } or undefined
 * ```
 */
export function statementApplies(
  statement: Statement,
  policy: LoadedPolicy,
  req: StatementRequest,
): StatementHit | undefined {
  const { action, notAction, resource, notResource } = statement;
  const actionHit = (pattern: string): boolean => actionMatches(pattern, req.action);
  if (action ? !action.some(actionHit) : notAction?.some(actionHit)) return undefined;
  const variables = policy.doc.version === '2012-10-17';
  const resourceTest = (pattern: string): boolean | undefined => {
    const sub = variables ? req.context.substitute(pattern) : { text: pattern, resolved: true };
    return sub.resolved ? arnMatches(sub.text, req.resource) : undefined;
  };
  if (resource && !resource.some((p) => resourceTest(p) === true)) return undefined;
  if (notResource?.some((p) => resourceTest(p) !== false)) return undefined;
  let match: PrincipalMatch | undefined;
  if (PRINCIPAL_KINDS.has(policy.kind)) {
    match = principalApplies(statement, policy, req);
    if (!match) return undefined;
  }
  if (statement.condition) {
    const deny = statement.effect === 'Deny';
    const result = evaluateCondition(statement.condition, req.context, { variables });
    if (result.outcome === 'no-match') return undefined;
    if (result.outcome === 'error') {
      req.warnings.push(
        `${citeStatement({ policy, statement })}: condition cannot be evaluated (${result.error.message}); ${deny ? 'Deny assumed to apply' : 'Allow assumed not to apply'}`,
      );
      if (!deny) return undefined;
    }
  }
  return { policy, statement, ...(match ? { match } : {}) };
}

/**
 * Every statement of the given effect, across policies, that applies to the request.
 *
 * @example
 * ```ts
 * applicableStatements([bucketPolicy], 'Deny', request).length; // 0 when nothing denies
 * ```
 */
export function applicableStatements(
  policies: readonly LoadedPolicy[],
  effect: Effect,
  req: StatementRequest,
): StatementHit[] {
  const out: StatementHit[] = [];
  for (const policy of policies) {
    for (const statement of policy.doc.statements) {
      if (statement.effect !== effect) continue;
      const hit = statementApplies(statement, policy, req);
      if (hit) out.push(hit);
    }
  }
  return out;
}

/**
 * Principal classification for resource and trust policies: who a statement lets in.
 *
 * Decisions (kept here because the grants analysis and widening both rely on them):
 * - Public: `"Principal": "*"`, `{"AWS": "*"}` (alone or inside an array), and an AWS
 *   principal whose account segment is a wildcard (`arn:aws:iam::*:root`, which IAM rejects
 *   but we never want to under-report). `Allow` with `NotPrincipal` is public too: it lets in
 *   everyone except the listed principals.
 * - Accounts: a bare 12-digit id and every IAM/STS ARN (`arn:aws:iam::123456789012:root`,
 *   `:role/...`, `:user/...`, `arn:aws:sts::...:assumed-role/...`) name their account.
 * - Unique ids (`AIDA…`, `AROA…`) appear when the principal was deleted; they grant nothing
 *   and have no account, so they are neither public nor cross-account.
 * - Service, Federated and CanonicalUser principals are kept by type; they are judged by the
 *   web-identity check (Federated) and otherwise not treated as cross-account.
 */

import { statementAllowsAction } from './escalation.js';
import type { Principal, Statement } from './types.js';

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** One principal entry of a statement, classified. */
export interface PrincipalEntry {
  /** `*` for the bare wildcard principal (`"Principal": "*"`). */
  readonly type: PrincipalType | '*';
  /** The value as written. */
  readonly value: string;
  readonly public: boolean;
  /** Account named by an AWS principal (id or ARN), when it has one. */
  readonly account?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:(?:iam|sts)::([^:]*):/;
const TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/**
 * The account an AWS principal value belongs to, or undefined (unique ids, `*`).
 *
 * @example
 * ```ts
 * principalAccount('arn:aws:iam::444455556666:root'); // '444455556666'
 * principalAccount('111122223333'); // '111122223333'
 * ```
 */
export function principalAccount(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const account = IAM_ARN.exec(value)?.[1];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

function isPublicAwsValue(value: string): boolean {
  if (value === '*') return true;
  const account = IAM_ARN.exec(value)?.[1];
  return account !== undefined && /[*?]/.test(account);
}

/**
 * Lists a `Principal` element's entries with their classification.
 *
 * @example
 * ```ts
 * principalEntries({ AWS: ['*'] }); // [{ type: 'AWS', value: '*', public: true }]
 * ```
 */
export function principalEntries(principal: Principal | undefined): readonly PrincipalEntry[] {
  if (principal === undefined) return [];
  if (principal === '*') return [{ type: '*', value: '*', public: true }];
  const out: PrincipalEntry[] = [];
  for (const type of TYPES) {
    for (const value of principal[type] ?? []) {
      const isPublic = type === 'AWS' && isPublicAwsValue(value);
      const account = type === 'AWS' ? principalAccount(value) : undefined;
      out.push({ type, value, public: isPublic, ...(account ? { account } : {}) });
    }
  }
  return out;
}

/**
 * True when the statement's principal lets in anyone: a public `Principal`, or `Allow` with
 * `NotPrincipal`. Conditions are not considered here (see {@link conditionRestriction}).
 *
 * @example
 * ```ts
 * hasPublicPrincipal(parsePolicy({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' } }).statements[0]!); // true
 * ```
 */
export function hasPublicPrincipal(statement: Statement): boolean {
  if (statement.effect === 'Allow' && statement.notPrincipal !== undefined) return true;
  return principalEntries(statement.principal).some((entry) => entry.public);
}

/**
 * The principals a statement names, as strings: the values as written, `*` for the public
 * principal, and `* except …` for an `Allow` with `NotPrincipal`.
 *
 * @example
 * ```ts
 * principalLabels(statement); // ['arn:aws:iam::444455556666:root', 'lambda.amazonaws.com']
 * ```
 */
export function principalLabels(statement: Statement): readonly string[] {
  if (statement.notPrincipal !== undefined) {
    const except = principalEntries(statement.notPrincipal).map((entry) => entry.value);
    return [`* except ${except.join(', ')}`];
  }
  return principalEntries(statement.principal).map((entry) => entry.value);
}

/** What a statement's conditions pin callers to; see {@link conditionRestriction}. */
export interface ConditionRestriction {
  /** At least one condition restricts who can use the statement. */
  readonly restricting: boolean;
  /** The restricting conditions, as `Operator key`. */
  readonly keys: readonly string[];
  /** Accounts named by restricting account keys or the account of restricting ARN values. */
  readonly accounts: readonly string[];
  /** Organizations named by restricting org-id or org-path keys. */
  readonly organizations: readonly string[];
  /** True when some restriction names identities we cannot map to an account or org (ARN patterns without account, user ids, networks, services). */
  readonly opaque: boolean;
}

type KeyKind = 'account' | 'org' | 'org-path' | 'arn' | 'id' | 'ip' | 'service' | 'is-service';

/** Condition keys (lower-case, as IAM compares them) that narrow who the caller can be. */
const RESTRICTING_KEYS: ReadonlyMap<string, KeyKind> = new Map([
  ['aws:principalaccount', 'account'],
  ['aws:sourceaccount', 'account'],
  ['aws:sourceowner', 'account'],
  ['kms:calleraccount', 'account'],
  ['aws:principalorgid', 'org'],
  ['aws:sourceorgid', 'org'],
  ['aws:principalorgpaths', 'org-path'],
  ['aws:sourceorgpaths', 'org-path'],
  ['aws:principalarn', 'arn'],
  ['aws:sourcearn', 'arn'],
  ['aws:userid', 'id'],
  ['aws:sourcevpc', 'id'],
  ['aws:sourcevpce', 'id'],
  ['aws:sourceip', 'ip'],
  ['aws:vpcsourceip', 'ip'],
  ['kms:viaservice', 'service'],
  ['aws:principalservicename', 'service'],
  ['aws:principalisawsservice', 'is-service'],
]);

const STRING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);
const ARN_OPERATORS = new Set([...STRING_OPERATORS, 'arnequals', 'arnlike']);

/**
 * Whether `Operator key: values` pins the caller. Only positive operators count:
 * `StringNotEquals`, `ArnNotLike`, `NotIpAddress` allow everyone else; `…IfExists` passes
 * when the key is absent (most keys are absent for most callers, e.g. `aws:SourceVpce`
 * outside a VPC endpoint), and `ForAllValues:` is true for an absent key, so both are weak
 * and do not count. `ForAnyValue:` behaves like the plain operator for these keys.
 */
function restricts(operator: string, kind: KeyKind, values: readonly string[]): boolean {
  const op = operator.toLowerCase().replace(/^foranyvalue:/, '');
  if (op.endsWith('ifexists') || op.startsWith('forallvalues:')) return false;
  if (values.length === 0) return false;
  switch (kind) {
    case 'ip':
      return op === 'ipaddress' && values.every((v) => !/\/0$/.test(v.trim()));
    case 'is-service':
      return op === 'bool' && values.every((v) => v.toLowerCase() === 'true');
    case 'arn':
      return ARN_OPERATORS.has(op) && values.every((v) => !isOpenArn(v));
    default:
      return STRING_OPERATORS.has(op) && values.every((v) => v !== '' && !/^[*?]/.test(v));
  }
}

/** An ARN value that any account could satisfy: wildcard account, or a resource part that starts with a wildcard. */
function isOpenArn(value: string): boolean {
  if (/^[*?]/.test(value) || value === '') return true;
  const parts = value.split(':');
  if (parts.length < 6) return false;
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  return /[*?]/.test(account) || resource === '' || /^[*?]/.test(resource);
}

/**
 * Analyses a statement's `Condition` block for restrictions that make a public principal
 * not public (`aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce`,
 * `aws:SourceIp`, `kms:CallerAccount`, `kms:ViaService` …). Conditions are ANDed, so one
 * restricting entry restricts the statement. An entry with any open value (`*`, `o-*`
 * starting with a wildcard, `0.0.0.0/0`, an ARN with a wildcard account) does not restrict.
 *
 * @example
 * ```ts
 * conditionRestriction(statement); // { restricting: true, keys: ['StringEquals aws:PrincipalOrgID'], organizations: ['o-a1b2c3d4e5'], ... }
 * ```
 */
export function conditionRestriction(statement: Statement): ConditionRestriction {
  const keys: string[] = [];
  const accounts = new Set<string>();
  const organizations = new Set<string>();
  let opaque = false;
  for (const [operator, entries] of Object.entries(statement.condition ?? {})) {
    for (const [key, values] of Object.entries(entries)) {
      const kind = RESTRICTING_KEYS.get(key.toLowerCase());
      if (kind === undefined || !restricts(operator, kind, values)) continue;
      keys.push(`${operator} ${key}`);
      for (const value of values) {
        if (kind === 'account' && ACCOUNT_ID.test(value)) accounts.add(value);
        else if (kind === 'org') organizations.add(value);
        else if (kind === 'org-path') organizations.add(value.split('/')[0] ?? value);
        else if (kind === 'arn' && ACCOUNT_ID.test(value.split(':')[4] ?? ''))
          accounts.add(value.split(':')[4]!);
        else opaque = true;
      }
    }
  }
  return {
    restricting: keys.length > 0,
    keys,
    accounts: [...accounts],
    organizations: [...organizations],
    opaque,
  };
}

/**
 * True when the statement carries a condition that restricts who may use it; see
 * {@link conditionRestriction} for which keys and operators count.
 *
 * @example
 * ```ts
 * isRestrictingCondition(statementWith({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })); // true
 * isRestrictingCondition(statementWith({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })); // false
 * ```
 */
export function isRestrictingCondition(statement: Statement): boolean {
  return conditionRestriction(statement).restricting;
}

/** A web-identity (OIDC) provider a statement trusts without pinning who may come in. */
export interface WebIdentityGap {
  /** The Federated principal as written. */
  readonly principal: string;
  /** The provider host/path (`token.actions.githubusercontent.com`). */
  readonly provider: string;
  /** What is missing, readable. */
  readonly missing: string;
}

/**
 * Providers whose audience is shared by every customer (GitHub Actions tokens all carry
 * `sts.amazonaws.com`), so only `sub` tells one repository or project from another.
 */
const SUB_REQUIRED = new Set(['token.actions.githubusercontent.com', 'gitlab.com', 'app.terraform.io']);
const AUDIENCE_SUFFIXES = new Set(['aud', 'oaud', 'app_id']);

function pins(operator: string, values: readonly string[], subOfSharedProvider: boolean): boolean {
  const op = operator.toLowerCase().replace(/^foranyvalue:/, '');
  if (!STRING_OPERATORS.has(op) || values.length === 0) return false;
  // `repo:*` or `repo:?rg/*` lets any GitHub organization in.
  const open = (v: string): boolean =>
    v === '' || /^[*?]/.test(v) || (subOfSharedProvider && /^repo:[^/]*[*?]/.test(v));
  return values.every((v) => !open(v));
}

/**
 * Federated (OIDC) principals a statement lets call `sts:AssumeRoleWithWebIdentity` without
 * an `aud` (or `app_id`) or `sub` condition for that provider; for GitHub Actions, GitLab and
 * Terraform Cloud the `sub` condition is required because their audience is shared.
 * `…IfExists`, `ForAllValues:` and negated operators do not count. SAML providers are not
 * web identity and are skipped.
 *
 * @example
 * ```ts
 * unrestrictedWebIdentityProviders(trustStatement);
 * // [{ principal: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', provider: 'token.actions.githubusercontent.com', missing: 'no sub condition pinning the repository' }]
 * ```
 */
export function unrestrictedWebIdentityProviders(statement: Statement): readonly WebIdentityGap[] {
  if (!statementAllowsAction(statement, 'sts:AssumeRoleWithWebIdentity')) return [];
  const gaps: WebIdentityGap[] = [];
  for (const entry of principalEntries(statement.principal)) {
    if (entry.type !== 'Federated' || entry.value.includes(':saml-provider/')) continue;
    const provider = entry.value.includes(':oidc-provider/')
      ? entry.value.split(':oidc-provider/')[1]!
      : entry.value;
    const prefix = `${provider.toLowerCase()}:`;
    const subRequired = SUB_REQUIRED.has(provider.toLowerCase());
    let audience = false;
    let subject = false;
    for (const [operator, entries] of Object.entries(statement.condition ?? {})) {
      for (const [key, values] of Object.entries(entries)) {
        const lower = key.toLowerCase();
        if (!lower.startsWith(prefix)) continue;
        const suffix = lower.slice(prefix.length);
        if (suffix === 'sub' && pins(operator, values, subRequired)) subject = true;
        if (AUDIENCE_SUFFIXES.has(suffix) && pins(operator, values, false)) audience = true;
      }
    }
    if (subRequired ? subject : audience || subject) continue;
    const missing = subRequired
      ? 'no sub condition pinning the repository or project'
      : 'no aud or sub condition';
    gaps.push({ principal: entry.value, provider, missing });
  }
  return gaps;
}

/**
 * The policies `evaluate()` weighs, by kind, and their loading: each may come parsed, as an
 * object, JSON or URL-encoded JSON, with or without a name to cite in results. Unnamed
 * policies are cited by position: `identity[0]`, `resource`, `boundary[0]`, `session[0]`,
 * `scp[LEVEL][i]`, `rcp[LEVEL][i]`.
 */

import { PolicyParseError } from '../errors.js';
import { parsePolicy } from './parse.js';
import type { PrincipalIdentity } from './simulate-request.js';
import type { PolicyDocument } from './types.js';

export type PolicyKind = 'identity' | 'resource' | 'permissions-boundary' | 'session' | 'scp' | 'rcp';

/** A policy with the name results should cite (a file name, a policy ARN …). */
export interface NamedPolicy {
  readonly name: string;
  /** Parsed document, or anything {@link parsePolicy} reads (object, JSON, URL-encoded JSON). */
  readonly document: unknown;
}

/** A policy as `evaluate()` takes it. */
export type PolicyInput = NamedPolicy | PolicyDocument | string | Readonly<Record<string, unknown>>;

export interface PolicySet {
  /** Identity-based policies of the principal (inline, managed, group). */
  readonly identity?: readonly PolicyInput[];
  /** The resource's policy (bucket policy, key policy, trust policy …). */
  readonly resource?: PolicyInput | readonly PolicyInput[];
  /** The principal's permissions boundary (several documents read as one policy: any may allow). */
  readonly boundary?: readonly PolicyInput[];
  /** Session policies passed when the role session was created. */
  readonly session?: readonly PolicyInput[];
  /** SCPs by level, root first: each level lists the policies attached there. */
  readonly scps?: readonly (readonly PolicyInput[])[];
  /** RCPs by level, root first. */
  readonly rcps?: readonly (readonly PolicyInput[])[];
  /** The organization's management account: SCPs skip its principals, RCPs its resources. */
  readonly managementAccount?: string;
  /**
   * The resource policy must allow, as for role trust policies and KMS key policies. Default:
   * true for `sts:AssumeRole*` and `kms:*` actions when a resource policy is given.
   */
  readonly resourcePolicyRequired?: boolean;
}

/** A parsed policy with its name and kind. */
export interface LoadedPolicy {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly doc: PolicyDocument;
}

export interface LoadedPolicySet {
  readonly identity: readonly LoadedPolicy[];
  readonly resource: readonly LoadedPolicy[];
  readonly boundary: readonly LoadedPolicy[];
  readonly session: readonly LoadedPolicy[];
  readonly scps: readonly (readonly LoadedPolicy[])[];
  readonly rcps: readonly (readonly LoadedPolicy[])[];
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function load(input: PolicyInput, fallbackName: string, kind: PolicyKind): LoadedPolicy {
  const named =
    isObject(input) && typeof input.name === 'string' && 'document' in input && !('Statement' in input);
  const name = named ? String(input.name) : fallbackName;
  const source: unknown = named ? input.document : input;
  // An already parsed document has `statements`; a raw one has `Statement`.
  if (isObject(source) && Array.isArray(source.statements) && !('Statement' in source)) {
    return { name, kind, doc: source as unknown as PolicyDocument };
  }
  try {
    return { name, kind, doc: parsePolicy(source) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyParseError(`${kind} policy "${name}": ${reason}`, '', { cause: error });
  }
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * Parses every policy of a set, naming each. Throws {@link PolicyParseError} naming the
 * policy (`identity policy "dev.json": Statement[1].Effect: …`).
 *
 * @example
 * ```ts
 * const loaded = loadPolicySet({ identity: [{ name: 'dev.json', document: '{"Statement":[…]}' }] });
 * loaded.identity[0]?.name; // 'dev.json'
 * ```
 */
export function loadPolicySet(policies: PolicySet): LoadedPolicySet {
  const resources = asList(policies.resource);
  return {
    identity: asList(policies.identity).map((p, i) => load(p, `identity[${i}]`, 'identity')),
    resource: resources.map((p, i) =>
      load(p, resources.length > 1 ? `resource[${i}]` : 'resource', 'resource'),
    ),
    boundary: asList(policies.boundary).map((p, i) => load(p, `boundary[${i}]`, 'permissions-boundary')),
    session: asList(policies.session).map((p, i) => load(p, `session[${i}]`, 'session')),
    scps: (policies.scps ?? []).map((level, l) => level.map((p, i) => load(p, `scp[${l}][${i}]`, 'scp'))),
    rcps: (policies.rcps ?? []).map((level, l) => level.map((p, i) => load(p, `rcp[${l}][${i}]`, 'rcp'))),
  };
}

const isIam = (who: PrincipalIdentity): boolean =>
  who.type === 'user' || who.type === 'role' || who.type === 'assumed-role';

/**
 * The policies that govern a request by this principal on a resource of `resourceAccount`;
 * the others are dropped with a note: identity policies and boundaries only for IAM users
 * and roles, session policies only for role sessions, SCPs not for the management account's
 * principals, service-linked roles, service principals or anonymous callers, RCPs not for
 * service-linked roles or resources of the management account.
 *
 * @example
 * ```ts
 * const governing = governingPolicies(loaded, who, '111122223333', undefined, { reasons, warnings });
 * governing.scps; // [] for a service-linked role
 * ```
 */
export function governingPolicies(
  loaded: LoadedPolicySet,
  who: PrincipalIdentity,
  resourceAccount: string | undefined,
  managementAccount: string | undefined,
  notes: { readonly reasons: string[]; readonly warnings: string[] },
): LoadedPolicySet {
  const iam = isIam(who);
  if (!iam && loaded.identity.length + loaded.boundary.length > 0) {
    notes.warnings.push(`identity policies and boundaries ignored: a ${who.type} principal has none`);
  }
  if (who.type !== 'assumed-role' && loaded.session.length > 0) {
    notes.warnings.push('session policies ignored: only role sessions have them');
  }
  const management = (account: string | undefined): boolean =>
    managementAccount !== undefined && account === managementAccount;
  const scpSkip = !(iam || who.type === 'root')
    ? `SCPs do not apply to ${who.type === 'service' ? 'AWS service principals' : 'anonymous callers'}`
    : who.serviceLinked
      ? 'SCPs do not apply to service-linked roles'
      : management(who.account)
        ? 'SCPs do not apply to principals of the management account'
        : undefined;
  const rcpSkip = who.serviceLinked
    ? 'RCPs do not apply to service-linked roles'
    : management(resourceAccount)
      ? 'RCPs do not apply to resources of the management account'
      : undefined;
  if (scpSkip && loaded.scps.length > 0) notes.reasons.push(scpSkip);
  if (rcpSkip && loaded.rcps.length > 0) notes.reasons.push(rcpSkip);
  return {
    identity: iam ? loaded.identity : [],
    boundary: iam ? loaded.boundary : [],
    session: who.type === 'assumed-role' ? loaded.session : [],
    resource: loaded.resource,
    scps: scpSkip ? [] : loaded.scps,
    rcps: rcpSkip ? [] : loaded.rcps,
  };
}

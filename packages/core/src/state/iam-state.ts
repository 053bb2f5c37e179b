/**
 * What trailwarden knows about an account's IAM configuration, learned from CloudTrail by
 * the IAM learners (state/learners/iam.ts), and the questions rules ask of it ("is this
 * user admin-level?", "what did this managed policy's default version grant?").
 *
 * Values stay small and JSON-friendly: policy documents are kept as the strings CloudTrail
 * carried (JSON, sometimes URL-encoded) and parsed on demand. State is partial by nature —
 * trailwarden only knows what it has seen — so every query answers `false`/`undefined` when
 * it does not know, never guesses.
 */

import { analyzeGrants, tryParsePolicy } from '../iam/index.js';
import type { PolicyDocument } from '../iam/types.js';
import { type StateKey, type StateView, stateKey } from './state.js';

/** The IAM identities that carry policies. */
export type IamPrincipalKind = 'user' | 'role' | 'group';

/** One user, role or group: the policies that give it permissions, and what limits them. */
export interface IamPrincipalState {
  /** Inline policies: policy name → document text as received. */
  readonly inline?: Readonly<Record<string, string>>;
  /** ARNs of attached managed policies. */
  readonly attached?: readonly string[];
  /** Users: names of the groups they belong to. */
  readonly groups?: readonly string[];
  /** Users and roles: ARN of the permissions boundary policy. */
  readonly boundary?: string;
  /** Roles: the trust (assume-role) policy document text. */
  readonly trust?: string;
}

/** A customer managed policy: its versions' documents and which one is in force. */
export interface ManagedPolicyState {
  readonly defaultVersionId?: string;
  /** Version id (`v1`, `v2` …) → document text. IAM keeps at most five. */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * State key of a user, role or group. IAM names are unique regardless of case ("you cannot
 * create both ADMIN and admin"), so the name is lower-cased to make lookups case-blind.
 *
 * @example
 * state.get(iamPrincipalKey('111122223333', 'group', 'Admins'))?.attached;
 */
export function iamPrincipalKey(
  account: string,
  kind: IamPrincipalKind,
  name: string,
): StateKey<IamPrincipalState> {
  return stateKey<IamPrincipalState>('iam-principal', account, kind, name.toLowerCase());
}

/**
 * State key of a customer managed policy, by ARN (which carries the account).
 *
 * @example
 * state.get(managedPolicyKey('arn:aws:iam::111122223333:policy/ops'))?.defaultVersionId;
 */
export function managedPolicyKey(policyArn: string): StateKey<ManagedPolicyState> {
  return stateKey<ManagedPolicyState>('iam-policy', policyArn.toLowerCase());
}

/**
 * A policy document from a request parameter, as text to store: CloudTrail writes a JSON
 * string (sometimes URL-encoded); an object (re-serialized records) is stringified.
 *
 * @example
 * policyText(event.requestParameters.policyDocument); // '{"Version":"2012-10-17",…}'
 */
export function policyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.+\/)?([^/]+)$/;

/** AWS managed policies that make a principal admin-level by name, without reading them. */
export const ADMIN_MANAGED_POLICY_NAMES = [
  'AdministratorAccess',
  'IAMFullAccess',
  'PowerUserAccess',
] as const;
export type AdminManagedPolicyName = (typeof ADMIN_MANAGED_POLICY_NAMES)[number];

/**
 * The name of an AWS managed policy ARN (`arn:aws:iam::aws:policy/...`), or undefined for
 * customer managed policies.
 *
 * @example
 * awsManagedPolicyName('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'); // 'ViewOnlyAccess'
 */
export function awsManagedPolicyName(policyArn: string): string | undefined {
  return AWS_MANAGED.exec(policyArn)?.[1];
}

/**
 * Which admin-level AWS managed policy an ARN is (AdministratorAccess, IAMFullAccess,
 * PowerUserAccess), if any.
 *
 * @example
 * adminManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess'); // 'AdministratorAccess'
 */
export function adminManagedPolicyName(policyArn: string): AdminManagedPolicyName | undefined {
  const name = awsManagedPolicyName(policyArn);
  return ADMIN_MANAGED_POLICY_NAMES.find((admin) => admin === name);
}

/** How much a policy or principal can do: full admin, a privilege-escalation path, or neither. */
export type PrivilegeLevel = 'admin' | 'escalation' | 'none';

const RANK: Record<PrivilegeLevel, number> = { none: 0, escalation: 1, admin: 2 };
const CACHE_LIMIT = 512;
const documentCache = new Map<string, PrivilegeLevel | null>();

/**
 * Parses a stored document text; undefined when it is not a valid policy.
 *
 * @example
 * parseStoredPolicy('{"Version":"2012-10-17","Statement":[]}')?.statements.length; // 0
 */
export function parseStoredPolicy(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  const parsed = tryParsePolicy(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The privilege level an identity policy document grants; undefined when it cannot be parsed.
 * Results are cached by document text because the same group or role policy is consulted for
 * every event that asks about its members.
 *
 * @example
 * documentPrivilege('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'); // 'admin'
 */
export function documentPrivilege(text: string): PrivilegeLevel | undefined {
  const cached = documentCache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const doc = parseStoredPolicy(text);
  let level: PrivilegeLevel | null = null;
  if (doc) {
    const report = analyzeGrants(doc);
    level = report.admin
      ? 'admin'
      : report.grants.some((g) => g.kind === 'privilege-escalation')
        ? 'escalation'
        : 'none';
  }
  if (documentCache.size >= CACHE_LIMIT) documentCache.clear();
  documentCache.set(text, level);
  return level ?? undefined;
}

/**
 * The document of a customer managed policy's version (default version when `versionId` is
 * omitted), if trailwarden has seen it.
 *
 * @example
 * managedPolicyDocument(state, 'arn:aws:iam::111122223333:policy/ops'); // '{"Version":…}' | undefined
 */
export function managedPolicyDocument(
  state: StateView,
  policyArn: string,
  versionId?: string,
): string | undefined {
  const policy = state.get(managedPolicyKey(policyArn));
  const version = versionId ?? policy?.defaultVersionId;
  return version === undefined ? undefined : policy?.versions[version];
}

/**
 * Privilege level of a managed policy: admin for the admin-level AWS managed policies, else
 * from its known default version; undefined when the document is not known.
 *
 * @example
 * managedPolicyPrivilege(state, 'arn:aws:iam::aws:policy/IAMFullAccess'); // 'admin'
 */
export function managedPolicyPrivilege(state: StateView, policyArn: string): PrivilegeLevel | undefined {
  if (adminManagedPolicyName(policyArn)) return 'admin';
  const text = managedPolicyDocument(state, policyArn);
  return text === undefined ? undefined : documentPrivilege(text);
}

/**
 * True for AdministratorAccess, IAMFullAccess, PowerUserAccess, or a customer policy whose
 * known default version grants admin. False when unknown.
 *
 * @example
 * managedPolicyIsAdmin(state, 'arn:aws:iam::aws:policy/AdministratorAccess'); // true
 */
export function managedPolicyIsAdmin(state: StateView, policyArn: string): boolean {
  return managedPolicyPrivilege(state, policyArn) === 'admin';
}

/** A principal's privilege level and the policies that give it. */
export interface PrivilegeAssessment {
  readonly level: PrivilegeLevel;
  /** The sources of the level, e.g. `managed arn:aws:iam::aws:policy/AdministratorAccess`, `inline ops`, `group Admins: inline all`. */
  readonly via: readonly string[];
}

/**
 * How much a user, role or group can do according to what trailwarden has seen: its inline
 * and attached policies and, for users, their groups'. Permissions boundaries and SCPs are
 * not subtracted: a boundary-limited admin is still reported as admin-level, the safer error
 * for alerting.
 *
 * @example
 * assessPrincipal(state, '111122223333', 'group', 'Admins'); // { level: 'admin', via: ['managed arn:aws:iam::aws:policy/AdministratorAccess'] }
 */
export function assessPrincipal(
  state: StateView,
  account: string,
  kind: IamPrincipalKind,
  name: string,
): PrivilegeAssessment {
  const record = state.get(iamPrincipalKey(account, kind, name));
  let level: PrivilegeLevel = 'none';
  let via: string[] = [];
  const consider = (found: PrivilegeLevel | undefined, source: string): void => {
    if (found === undefined || found === 'none') return;
    if (RANK[found] > RANK[level]) {
      level = found;
      via = [];
    }
    if (found === level) via.push(source);
  };
  for (const [policyName, text] of Object.entries(record?.inline ?? {})) {
    consider(documentPrivilege(text), `inline ${policyName}`);
  }
  for (const arn of record?.attached ?? []) consider(managedPolicyPrivilege(state, arn), `managed ${arn}`);
  if (kind === 'user') {
    for (const group of record?.groups ?? []) {
      const inGroup = assessPrincipal(state, account, 'group', group);
      for (const source of inGroup.via) consider(inGroup.level, `group ${group}: ${source}`);
    }
  }
  return { level, via };
}

/**
 * True when the user's own policies or its groups' grant admin (as far as trailwarden knows).
 *
 * @example
 * userIsAdmin(state, '111122223333', 'alice'); // false when nothing is known about alice
 */
export function userIsAdmin(state: StateView, account: string, userName: string): boolean {
  return assessPrincipal(state, account, 'user', userName).level === 'admin';
}

/**
 * True when the role's inline or attached policies grant admin (as far as trailwarden knows).
 *
 * @example
 * roleIsAdmin(state, '111122223333', 'OrganizationAccountAccessRole');
 */
export function roleIsAdmin(state: StateView, account: string, roleName: string): boolean {
  return assessPrincipal(state, account, 'role', roleName).level === 'admin';
}

/**
 * True when the group's inline or attached policies grant admin (as far as trailwarden knows).
 *
 * @example
 * groupIsAdmin(state, '111122223333', 'Admins');
 */
export function groupIsAdmin(state: StateView, account: string, groupName: string): boolean {
  return assessPrincipal(state, account, 'group', groupName).level === 'admin';
}

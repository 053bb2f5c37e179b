/**
 * How a policy's `Principal` / `NotPrincipal` element names the requester.
 *
 * IAM user and role names are unique within an account whatever their path, so the entry
 * `arn:aws:iam::111122223333:role/ops/Deployer` names the same role as the session
 * `arn:aws:sts::111122223333:assumed-role/Deployer/build-42` (session ARNs carry no path):
 * matching compares account + name, never the path. Entries with a partial wildcard are
 * not principals IAM accepts and match nobody; `*` and `{"AWS": "*"}` match everyone,
 * anonymous callers and services included. Federated and CanonicalUser entries match
 * nothing here (a request cannot be one).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */

import { ACCOUNT_ID, type PrincipalIdentity, parseIdentityArn } from './simulate-request.js';
import type { Principal } from './types.js';

/** How a statement's `Principal` names the requester; decides which implicit denies still apply. */
export type PrincipalMatch = 'wildcard' | 'account' | 'user' | 'role' | 'session' | 'service';

/** One `Principal` entry, classified. */
type Entry =
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'account'; readonly account: string }
  | { readonly kind: 'user' | 'role'; readonly account: string; readonly name: string }
  | { readonly kind: 'session'; readonly account: string; readonly name: string; readonly session: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'unique-id'; readonly id: string }
  | { readonly kind: 'other' };

function classifyAws(entry: string): Entry {
  if (entry === '*') return { kind: 'wildcard' };
  if (ACCOUNT_ID.test(entry)) return { kind: 'account', account: entry };
  // Unique ids appear when a named principal was deleted; they then match nobody new.
  if (/^A[A-Z]{3}[A-Z0-9]{12,}$/.test(entry)) return { kind: 'unique-id', id: entry };
  const parsed = parseIdentityArn(entry);
  if (!parsed) return { kind: 'other' };
  if (parsed.kind === 'root') return { kind: 'account', account: parsed.account };
  if (parsed.kind === 'session') {
    return { kind: 'session', account: parsed.account, name: parsed.name!, session: parsed.session! };
  }
  return { kind: parsed.kind, account: parsed.account, name: parsed.name! };
}

function entries(principal: Principal): readonly Entry[] {
  if (principal === '*') return [{ kind: 'wildcard' }];
  return [
    ...(principal.AWS ?? []).map(classifyAws),
    ...(principal.Service ?? []).map(
      (service): Entry => ({ kind: 'service', service: service.toLowerCase() }),
    ),
    // Federated (SAML/OIDC) and CanonicalUser principals are outside what a request here can be.
    ...(principal.Federated ?? []).map((): Entry => ({ kind: 'other' })),
    ...(principal.CanonicalUser ?? []).map((): Entry => ({ kind: 'other' })),
  ];
}

/** How one entry names the requester, or undefined when it does not. */
function entryMatch(entry: Entry, who: PrincipalIdentity): PrincipalMatch | undefined {
  switch (entry.kind) {
    case 'wildcard':
      return 'wildcard';
    case 'account':
      return who.account === entry.account && who.type !== 'service' ? 'account' : undefined;
    case 'user':
      return who.type === 'user' && who.account === entry.account && who.userName === entry.name
        ? 'user'
        : undefined;
    case 'role':
      return (who.type === 'role' || who.type === 'assumed-role') &&
        who.account === entry.account &&
        who.roleName === entry.name
        ? 'role'
        : undefined;
    case 'session':
      return who.type === 'assumed-role' &&
        who.account === entry.account &&
        who.roleName === entry.name &&
        who.sessionName === entry.session
        ? 'session'
        : undefined;
    case 'service':
      return who.type === 'service' && who.service === entry.service ? 'service' : undefined;
    case 'unique-id': {
      const id = who.userId?.split(':')[0];
      if (id !== entry.id) return undefined;
      return who.type === 'user'
        ? 'user'
        : who.type === 'role' || who.type === 'assumed-role'
          ? 'role'
          : undefined;
    }
    case 'other':
      return undefined;
  }
}

const STRENGTH: Record<PrincipalMatch, number> = {
  account: 1,
  role: 2,
  wildcard: 3,
  user: 4,
  session: 4,
  service: 4,
};

/**
 * The strongest way a `Principal` element names the requester, or undefined. Strength
 * orders what the match leaves to other policies: an account match only delegates to the
 * account's identity policies, a role match is still capped by boundary and session policy,
 * a user/session/service (or `*`) match grants on its own within the account.
 *
 * @example
 * ```ts
 * const who = principalIdentity({ type: 'user', arn: 'arn:aws:iam::111122223333:user/alice' });
 * principalMatch({ AWS: ['111122223333'] }, who); // 'account'
 * principalMatch({ AWS: ['arn:aws:iam::111122223333:user/alice'] }, who); // 'user'
 * ```
 */
export function principalMatch(principal: Principal, who: PrincipalIdentity): PrincipalMatch | undefined {
  let best: PrincipalMatch | undefined;
  for (const entry of entries(principal)) {
    const match = entryMatch(entry, who);
    if (match && (!best || STRENGTH[match] > STRENGTH[best])) best = match;
  }
  return best;
}

/**
 * Whether a `NotPrincipal` list exempts the requester. AWS may check the account, then the
 * role, then the session, so the requester is exempt only when every link of that chain is
 * listed (the user and its account; the session, its role and its account). This is the
 * strict reading of the documented advice to list all of them.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function notPrincipalExempts(notPrincipal: Principal, who: PrincipalIdentity): boolean {
  const listed = entries(notPrincipal);
  if (listed.some((entry) => entry.kind === 'wildcard')) return true;
  const kinds = new Set(listed.map((entry) => entryMatch(entry, who)).filter((m) => m !== undefined));
  const chain: readonly PrincipalMatch[] =
    who.type === 'user'
      ? ['user', 'account']
      : who.type === 'role'
        ? ['role', 'account']
        : who.type === 'assumed-role'
          ? ['session', 'role', 'account']
          : who.type === 'root'
            ? ['account']
            : who.type === 'service'
              ? ['service']
              : [];
  return chain.length > 0 && chain.every((link) => kinds.has(link));
}

/** Whether a `NotPrincipal` list names any link of the requester's chain (used for Allow). */
export function notPrincipalNames(notPrincipal: Principal, who: PrincipalIdentity): boolean {
  return entries(notPrincipal).some((entry) => entryMatch(entry, who) !== undefined);
}

import type { PolicyDocument } from '../../iam/types.js';

/**
 * Recognizes policies whose job is to take permissions away (quarantine, deny-all, guardrail
 * deny policies): removing one of them widens what a principal can do.
 */

/**
 * Policy names that are containment by convention: trailwarden's own quarantine policy, AWS's
 * compromised-key quarantine and deny-all managed policies, and the inline policy the console's
 * "Revoke active sessions" writes.
 */
export const QUARANTINE_POLICY_NAMES: readonly string[] = [
  'trailwarden-quarantine',
  'AWSDenyAll',
  'AWSCompromisedKeyQuarantine',
  'AWSCompromisedKeyQuarantineV2',
  'AWSCompromisedKeyQuarantineV3',
  'AWSRevokeOlderSessions',
];
const QUARANTINE = new Set(QUARANTINE_POLICY_NAMES.map((name) => name.toLowerCase()));

/**
 * True for a policy name (not an ARN) that is containment by convention; case-insensitive, as IAM names are.
 *
 * @example
 * isQuarantinePolicyName('trailwarden-quarantine'); // true
 */
export function isQuarantinePolicyName(name: string): boolean {
  return QUARANTINE.has(name.toLowerCase());
}

/** `deny-all`: a Deny of every action on every resource, unconditionally; `deny-only`: nothing but Deny statements. */
export type DenyPolicyKind = 'deny-all' | 'deny-only';

const EVERYTHING = new Set(['*', '*:*']);

/**
 * Whether a document only takes permissions away. Mixed documents (Allow and Deny) are neither:
 * removing them narrows and widens at once, and the removal is recorded as a change only.
 *
 * @example
 * denyPolicyKind(parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}')); // 'deny-all'
 */
export function denyPolicyKind(doc: PolicyDocument): DenyPolicyKind | undefined {
  if (doc.statements.length === 0 || doc.statements.some((s) => s.effect !== 'Deny')) return undefined;
  const denyAll = doc.statements.some(
    (s) =>
      Object.keys(s.condition ?? {}).length === 0 &&
      (s.action ?? []).some((a) => EVERYTHING.has(a)) &&
      (s.resource ?? []).includes('*'),
  );
  return denyAll ? 'deny-all' : 'deny-only';
}

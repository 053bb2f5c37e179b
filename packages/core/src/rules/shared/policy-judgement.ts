import type { Severity } from '../../findings/severity.js';
import { analyzeGrants, compareGrants, tryParsePolicy } from '../../iam/index.js';
import type { Grant, GrantKind, PolicyDocument, TrustContext, WideningReport } from '../../iam/types.js';
import type { DetectionSettings } from '../../settings/detection-settings.js';

/**
 * The judgement shared by the IAM widening rules: is a new policy document risky on its own,
 * or — when the previous version is known — did it add something risky or widen at all?
 */

/** Grant kinds that make an identity (user/role/group/managed) policy risky. */
export const IDENTITY_RISKS: ReadonlySet<GrantKind> = new Set([
  'admin',
  'service-wildcard',
  'not-action-allow',
  'privilege-escalation',
]);

/** Identity-policy grant kinds that make a finding critical: administrator access. */
const IDENTITY_CRITICAL: ReadonlySet<GrantKind> = new Set(['admin']);

/** Grant kinds that make a trust (assume-role) policy risky. */
export const TRUST_RISKS: ReadonlySet<GrantKind> = new Set([
  'public-principal',
  'cross-account-principal',
  'unrestricted-web-identity',
]);

/** A policy document read from a request parameter. */
export type PolicyInput =
  | { readonly ok: true; readonly doc: PolicyDocument }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a request parameter holding a policy document (JSON string, URL-encoded string or
 * object). A missing document is an error too: the rules report it instead of passing it.
 *
 * @example
 * readPolicy(event.requestParameters.policyDocument); // { ok: true, doc } | { ok: false, error: 'Statement[0].Effect: …' }
 */
export function readPolicy(value: unknown): PolicyInput {
  if (value === undefined || value === null || value === '')
    return { ok: false, error: 'no policy document in the request' };
  const parsed = tryParsePolicy(value);
  return parsed.ok ? { ok: true, doc: parsed.value } : { ok: false, error: parsed.error.message };
}

/** Who counts as "inside" for cross-account judgements: the account itself, allowed accounts, the org. */
export function trustContextOf(account: string, settings: DetectionSettings): TrustContext {
  return {
    ownerAccount: account,
    allowedAccounts: settings.allowedAccounts,
    ...(settings.organizationId !== undefined && { organizationId: settings.organizationId }),
  };
}

/** Why a policy change was judged risky, most serious first. */
export type JudgementReason = 'risky-grants' | 'restrictions-removed' | 'permissions-added';

export interface PolicyJudgement {
  readonly severity: Severity;
  readonly reason: JudgementReason;
  /** The risky grants that decided (all of them without a baseline, the added ones with one). */
  readonly grants: readonly Grant[];
  readonly addedPermissions: WideningReport['addedPermissions'];
  readonly removedRestrictions: readonly string[];
  /** True when the new document was compared with a known previous version. */
  readonly compared: boolean;
}

export interface JudgeOptions {
  /** The grant kinds that count as risky for this kind of policy. */
  readonly risks: ReadonlySet<GrantKind>;
  /** Risky kinds that make the finding critical (e.g. `admin`, `public-principal`); others are high. */
  readonly critical: ReadonlySet<GrantKind>;
  readonly trust?: TrustContext;
}

/**
 * How the identity-policy rules (inline and managed policies) judge a document: identity risks,
 * admin critical, the account's trust context from the settings.
 *
 * @example
 * judgePolicyChange(doc, previous, identityJudgeOptions(event.account, settings));
 */
export function identityJudgeOptions(account: string, settings: DetectionSettings): JudgeOptions {
  return { risks: IDENTITY_RISKS, critical: IDENTITY_CRITICAL, trust: trustContextOf(account, settings) };
}

/**
 * Judges a new policy document against the previous one when known:
 * - without a previous version: risky grants → high (critical kinds → critical); none → undefined;
 * - with one: added risky grants → high/critical; otherwise a lost Deny or restricting condition →
 *   medium; otherwise other added permissions → low; nothing widened → undefined.
 *
 * @example
 * judgePolicyChange(newDoc, oldDoc, { risks: IDENTITY_RISKS, critical: new Set(['admin']) })?.severity; // 'high'
 */
export function judgePolicyChange(
  next: PolicyDocument,
  previous: PolicyDocument | undefined,
  options: JudgeOptions,
): PolicyJudgement | undefined {
  const severityOf = (grants: readonly Grant[]): Severity =>
    grants.some((g) => options.critical.has(g.kind)) ? 'critical' : 'high';
  if (!previous) {
    const grants = analyzeGrants(next, options.trust).grants.filter((g) => options.risks.has(g.kind));
    if (grants.length === 0) return undefined;
    return {
      severity: severityOf(grants),
      reason: 'risky-grants',
      grants,
      addedPermissions: [],
      removedRestrictions: [],
      compared: false,
    };
  }
  const report = compareGrants(previous, next, options.trust);
  if (!report.widened) return undefined;
  const grants = report.addedGrants.filter((g) => options.risks.has(g.kind));
  const base = {
    grants,
    addedPermissions: report.addedPermissions,
    removedRestrictions: report.removedRestrictions,
    compared: true,
  };
  if (grants.length > 0) return { ...base, severity: severityOf(grants), reason: 'risky-grants' };
  if (report.removedRestrictions.length > 0)
    return { ...base, severity: 'medium', reason: 'restrictions-removed' };
  if (report.addedPermissions.length > 0) return { ...base, severity: 'low', reason: 'permissions-added' };
  return undefined;
}

const MAX_EVIDENCE = 20;

/**
 * The evidence of a judgement for a finding's `context`, capped so one huge policy cannot
 * bloat a finding (counts say how many there were).
 *
 * @example
 * judgementContext(judgement); // { reason, grants: [...], addedPermissions: [...], addedPermissionCount: 3, ... }
 */
export function judgementContext(judgement: PolicyJudgement): Record<string, unknown> {
  return {
    reason: judgement.reason,
    comparedWithPreviousVersion: judgement.compared,
    grants: judgement.grants.slice(0, MAX_EVIDENCE),
    ...(judgement.compared && {
      addedPermissions: judgement.addedPermissions.slice(0, MAX_EVIDENCE),
      addedPermissionCount: judgement.addedPermissions.length,
      removedRestrictions: judgement.removedRestrictions.slice(0, MAX_EVIDENCE),
    }),
  };
}

/**
 * A few words for a summary: the risky grants' details, or what widened.
 *
 * @example
 * describeJudgement(judgement); // 'admin: Allow * on *'
 */
export function describeJudgement(judgement: PolicyJudgement): string {
  if (judgement.grants.length > 0) {
    const shown = judgement.grants.slice(0, 3).map((g) => `${g.kind}: ${g.detail}`);
    const more = judgement.grants.length > 3 ? ` (+${judgement.grants.length - 3} more)` : '';
    return `${shown.join('; ')}${more}`;
  }
  if (judgement.reason === 'restrictions-removed')
    return `removed restrictions: ${judgement.removedRestrictions.slice(0, 3).join('; ')}`;
  const shown = judgement.addedPermissions.slice(0, 3).map((p) => `${p.action} on ${p.resource}`);
  const more =
    judgement.addedPermissions.length > 3 ? ` (+${judgement.addedPermissions.length - 3} more)` : '';
  return `added ${shown.join(', ')}${more}`;
}

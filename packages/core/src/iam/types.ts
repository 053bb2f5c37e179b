/**
 * Parsed IAM policy documents. Every list field is normalized to an array; single strings
 * in the source become one-element arrays. `raw` keeps the statement as written.
 */

export type Effect = 'Allow' | 'Deny';

/** `"*"` means everyone (the anonymous/public principal); otherwise per-type lists. */
export type Principal =
  | '*'
  | {
      readonly AWS?: readonly string[];
      readonly Service?: readonly string[];
      readonly Federated?: readonly string[];
      readonly CanonicalUser?: readonly string[];
    };

/** `Condition` block: operator (e.g. `StringEquals`, `ForAnyValue:StringLike`, `IpAddressIfExists`) → key → values. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface Statement {
  /** Position in the document's Statement list, from 0. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: Principal;
  readonly notPrincipal?: Principal;
  readonly condition?: ConditionBlock;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface PolicyDocument {
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

/** Who we consider "inside": used to judge cross-account and public principals. */
export interface TrustContext {
  /** Account that owns the policy/resource; its own principals are not cross-account. */
  readonly ownerAccount?: string;
  readonly allowedAccounts?: readonly string[];
  readonly organizationId?: string;
}

/** Kinds of risky grant the analyzer reports. */
export type GrantKind =
  | 'admin'
  | 'service-wildcard'
  | 'not-action-allow'
  | 'privilege-escalation'
  | 'public-principal'
  | 'cross-account-principal'
  | 'unrestricted-web-identity';

/** One risky grant found in a document. */
export interface Grant {
  readonly kind: GrantKind;
  /** Statement index and sid it comes from. */
  readonly statement: number;
  readonly sid?: string;
  /** Actions (as written, or the escalation actions matched) that make it risky. */
  readonly actions?: readonly string[];
  /** Principals (as written) that make it risky. */
  readonly principals?: readonly string[];
  /** Resource patterns the grant applies to. */
  readonly resources?: readonly string[];
  /** Readable one-liner for summaries, e.g. `Allow * on *`. */
  readonly detail: string;
}

export interface GrantsReport {
  readonly grants: readonly Grant[];
  /** Any `admin` grant (Allow `*` / `*:*` on `*`, or NotAction that leaves effectively everything). */
  readonly admin: boolean;
}

/** What a new document grants that the old did not. */
export interface WideningReport {
  /** True when anything below is non-empty. */
  readonly widened: boolean;
  /** Risky grants present in the new document and not in the old one (by kind + actions/principals). */
  readonly addedGrants: readonly Grant[];
  /** Allowed (action pattern, resource pattern) pairs of the new document not covered by the old one. */
  readonly addedPermissions: readonly {
    readonly action: string;
    readonly resource: string;
    readonly statement: number;
  }[];
  /** Principals newly allowed (resource/trust policies). */
  readonly addedPrincipals: readonly string[];
  /** Deny statements (or restricting conditions) that the old document had and the new one lost. */
  readonly removedRestrictions: readonly string[];
}

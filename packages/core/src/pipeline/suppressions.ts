import type { Finding } from '../findings/finding.js';
import { arnMatches } from '../iam/wildcard.js';
import type { Settings } from '../settings/settings-schema.js';
import type { Suppression } from '../settings/suppression-schema.js';
import type { SuppressionRef } from './ports.js';

const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/**
 * The ARNs a principal pattern is compared with: the actor's ARN and, for an assumed-role
 * session, the role's IAM ARN (`arn:aws:iam::<account>:role/<name>`; CloudTrail's session ARN
 * drops the role path, so patterns on roles with paths should use `role/*name`).
 */
function principalArns(finding: Finding): readonly string[] {
  const arn = finding.actor.arn;
  if (arn === undefined) return [];
  const session = ASSUMED_ROLE.exec(arn);
  return session ? [arn, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`] : [arn];
}

/**
 * Whether a suppression's scope covers a finding, ignoring its expiry: every scope key given
 * must match, and a key matches when any of its values does (ARN patterns use IAM's `*` and
 * `?` wildcards, case-sensitively).
 *
 * @example
 * suppressionCovers({ rules: ['iam-user-created'], accounts: ['111122223333'], … }, finding); // true
 */
export function suppressionCovers(suppression: Suppression, finding: Finding): boolean {
  const { principals, accounts, regions, resources, rules, categories } = suppression;
  if (rules && !rules.includes(finding.ruleId)) return false;
  if (categories && !categories.includes(finding.category)) return false;
  if (accounts && !accounts.includes(finding.account)) return false;
  if (regions && !regions.includes(finding.region)) return false;
  if (principals) {
    const arns = principalArns(finding);
    if (!principals.some((pattern) => arns.some((arn) => arnMatches(pattern, arn)))) return false;
  }
  if (resources) {
    const hit = resources.some((pattern) => finding.resources.some((arn) => arnMatches(pattern, arn)));
    if (!hit) return false;
  }
  return true;
}

/** What the suppressions say about one finding at one moment. */
export interface SuppressionCheck {
  /** The first suppression (in file order) that covers the finding and has not expired. */
  readonly applied?: Suppression;
  /** Suppressions that would cover the finding but have expired: they no longer apply. */
  readonly expired: readonly Suppression[];
}

/**
 * Sorts the suppressions covering a finding into the one that applies and the expired ones.
 * A suppression applies strictly before its `expires` instant.
 *
 * @example
 * const { applied, expired } = checkSuppressions(finding, settings.suppressions, new Date());
 */
export function checkSuppressions(
  finding: Finding,
  suppressions: readonly Suppression[],
  now: Date,
): SuppressionCheck {
  let applied: Suppression | undefined;
  const expired: Suppression[] = [];
  const nowMs = now.getTime();
  for (const suppression of suppressions) {
    if (!suppressionCovers(suppression, finding)) continue;
    if (Date.parse(suppression.expires) <= nowMs) expired.push(suppression);
    else applied ??= suppression;
  }
  return applied ? { applied, expired } : { expired };
}

/**
 * The reference a store keeps on a suppressed finding.
 *
 * @example
 * toSuppressionRef(suppression); // { id: 'sup-…', owner: 'platform', reason: '…', expires: '2027-01-31T00:00:00Z' }
 */
export function toSuppressionRef(suppression: Suppression): SuppressionRef {
  return {
    id: suppression.id,
    owner: suppression.owner,
    reason: suppression.reason,
    expires: suppression.expires,
  };
}

/**
 * The suppression that applies to a finding now, if any. Pure: the pipeline reports expired
 * suppressions itself (through `checkSuppressions`), once per suppression.
 *
 * @example
 * matchSuppression(finding, settings, new Date()); // { id: 'ci-users', owner: 'platform', … } | undefined
 */
export function matchSuppression(
  finding: Finding,
  settings: Pick<Settings, 'suppressions'>,
  now: Date,
): SuppressionRef | undefined {
  const { applied } = checkSuppressions(finding, settings.suppressions, now);
  return applied ? toSuppressionRef(applied) : undefined;
}

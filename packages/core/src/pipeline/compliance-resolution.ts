import { InvalidTransitionError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import { complianceDedupeParts } from '../rules/config-rule-noncompliant/dedupe.js';
import type { FindingStore, StoredFinding } from './ports.js';

/** The rule whose findings a Config `COMPLIANT` result resolves. */
export const CONFIG_NONCOMPLIANT_RULE_ID = 'config-rule-noncompliant';

/** Pages of open findings the fallback reads at most per status (100 findings each). */
const MAX_PAGES = 20;

/** Which open finding a COMPLIANT result closes: one Config rule on one resource. */
export interface ComplianceTarget {
  readonly account: string;
  readonly region: string;
  /** The resource's ARN when Config's type is one trailwarden can build an ARN for. */
  readonly resource: string | undefined;
  readonly configRule: string;
  /** The dedupe key the NON_COMPLIANT finding of that rule and resource carries. */
  readonly dedupeKey: string;
}

/**
 * The target of a Config `ComplianceChange` to `COMPLIANT`, or undefined for any other event.
 *
 * @example
 * complianceTarget(event)?.dedupeKey; // 'config-rule-noncompliant|111122223333|AWS::EC2::SecurityGroup/sg-1|restricted-ssh'
 */
export function complianceTarget(event: ChangeEvent): ComplianceTarget | undefined {
  const config = event.config;
  if (config?.kind !== 'compliance-change' || config.complianceType !== 'COMPLIANT') return undefined;
  return {
    account: event.account,
    region: event.region,
    resource: event.resources[0],
    configRule: config.configRuleName ?? '(unnamed Config rule)',
    // Built exactly as the engine builds the rule's dedupe key: rule id, account, rule's parts.
    dedupeKey: [CONFIG_NONCOMPLIANT_RULE_ID, event.account, ...complianceDedupeParts(config)].join('|'),
  };
}

/** Fallback for stores without `resolveOpenByResource`: find by resource or account, then transition. */
async function resolveByListing(
  store: FindingStore,
  target: ComplianceTarget,
  by: string,
  now: string,
  reason: string,
): Promise<StoredFinding[]> {
  // Collect first, then transition: resolving while paging would shift the pages.
  const matching: StoredFinding[] = [];
  for (const status of ['open', 'acknowledged'] as const) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, cursor: next } = await store.list({
        status,
        account: target.account,
        ...(target.resource !== undefined && { resource: target.resource }),
        limit: 100,
        ...(cursor !== undefined && { cursor }),
      });
      matching.push(...items.filter((f) => f.dedupeKey === target.dedupeKey && f.region === target.region));
      if (next === undefined) break;
      cursor = next;
    }
  }
  const resolved: StoredFinding[] = [];
  for (const finding of matching) {
    try {
      resolved.push(await store.transition(finding.id, { to: 'resolved', by, now, reason }));
    } catch (error) {
      // Someone else changed it since it was listed: their change stands.
      if (!(error instanceof InvalidTransitionError)) throw error;
    }
  }
  return resolved;
}

/**
 * Resolves the open finding a Config `COMPLIANT` result answers: same account, region,
 * resource and Config rule (through its dedupe key), so a COMPLIANT result of one Config rule
 * leaves other rules' findings on the same resource open. Uses the store's
 * `resolveOpenByResource` when it has one and the resource has an ARN, else lists and
 * transitions.
 *
 * @example
 * await resolveCompliant(store, complianceTarget(event)!, 'trailwarden', now); // [resolved finding]
 */
export async function resolveCompliant(
  store: FindingStore,
  target: ComplianceTarget,
  by: string,
  now: string,
): Promise<readonly StoredFinding[]> {
  const reason = `AWS Config rule ${target.configRule} reports the resource COMPLIANT`;
  if (store.resolveOpenByResource && target.resource !== undefined) {
    return store.resolveOpenByResource(
      target.account,
      target.region,
      target.resource,
      'noncompliant_resource',
      by,
      now,
      {
        ruleId: CONFIG_NONCOMPLIANT_RULE_ID,
        dedupeKey: target.dedupeKey,
        reason,
      },
    );
  }
  return resolveByListing(store, target, by, now, reason);
}

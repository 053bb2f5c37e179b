import type { Finding } from '@trailwarden/core';
import type { FindingLife } from '../finding-view.js';
import { clip, hasText } from '../limits.js';

/**
 * ASFF `ProductFields` limits: at most 50 pairs, keys up to 128 characters, values up to 2048,
 * string values only.
 *
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 */
export const PRODUCT_FIELDS_MAX = 50;
export const PRODUCT_FIELD_KEY_MAX = 128;
export const PRODUCT_FIELD_VALUE_MAX = 2048;

/**
 * Security Hub adds its own `aws/securityhub/*` fields (FindingId, ProductName, CompanyName) to
 * every imported finding and they count towards the 50; this leaves room for them.
 */
const RESERVED_FOR_SECURITY_HUB = 5;
const BUDGET = PRODUCT_FIELDS_MAX - RESERVED_FOR_SECURITY_HUB;

const PREFIX = 'trailwarden/';
const OMITTED_KEY = `${PREFIX}contextOmitted`;

/**
 * The finding's identifying fields and its evidence as ASFF `ProductFields`: fixed fields first
 * (rule, category, event, actor, lifecycle), then one `trailwarden/context/<key>` per evidence
 * key (objects as JSON) while the budget lasts; evidence keys that did not fit are listed in
 * `trailwarden/contextOmitted`.
 *
 * @example
 * asffProductFields(finding, findingLife(finding, now))['trailwarden/ruleId']; // 'root-console-login'
 */
export function asffProductFields(
  finding: Finding,
  life: FindingLife,
  extra: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const fixed: Record<string, string | undefined> = {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    eventId: finding.eventId,
    eventName: finding.eventName,
    eventSource: finding.eventSource,
    account: finding.account,
    provenance: finding.actor.provenance,
    actorType: finding.actor.type,
    actorArn: finding.actor.arn,
    actorPrincipalId: finding.actor.principalId,
    actorMfa: String(finding.actor.mfa),
    sourceIp: finding.actor.sourceIp,
    userAgent: finding.actor.userAgent,
    dedupeKey: finding.dedupeKey,
    status: life.status,
    count: String(life.count),
    cis: joined(finding.references.cis),
    securityHubControls: joined(finding.references.securityHub),
    mitreAttack: joined(finding.references.mitre),
    remediationActions: joined(finding.remediation),
    sourceFile: finding.source?.file,
    sourceIndex: finding.source === undefined ? undefined : String(finding.source.index),
    ...extra,
  };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(fixed)) {
    if (hasText(value)) fields[fieldKey(key)] = clip(value, PRODUCT_FIELD_VALUE_MAX);
  }
  addContext(fields, finding.context);
  return fields;
}

function addContext(fields: Record<string, string>, context: Readonly<Record<string, unknown>>): void {
  const omitted: string[] = [];
  for (const [key, value] of Object.entries(context)) {
    const text = contextValue(value);
    if (text === undefined) continue;
    // One slot stays free for the list of omitted keys.
    if (Object.keys(fields).length >= BUDGET - 1) {
      omitted.push(key);
      continue;
    }
    fields[fieldKey(`context/${key}`)] = clip(text, PRODUCT_FIELD_VALUE_MAX);
  }
  if (omitted.length > 0) fields[OMITTED_KEY] = clip(omitted.join(','), PRODUCT_FIELD_VALUE_MAX);
}

function contextValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return hasText(value) ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  const json = JSON.stringify(value);
  return json === undefined || json === '[]' || json === '{}' ? undefined : json;
}

function fieldKey(name: string): string {
  return clip(`${PREFIX}${name}`, PRODUCT_FIELD_KEY_MAX);
}

function joined(values: readonly string[] | undefined): string | undefined {
  return values !== undefined && values.length > 0 ? values.join(',') : undefined;
}

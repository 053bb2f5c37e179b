import { isIP } from 'node:net';
import { CATALOG, type Finding, type FindingActor, type Rule, type StoredFinding } from '@trailwarden/core';
import packageJson from '../../../package.json' with { type: 'json' };
import { type AwsPartition, describeResource, partitionOfRegion } from '../aws-resource.js';
import { isApiCallFinding } from '../event-kind.js';
import { type FindingLife, findingLife } from '../finding-view.js';
import { epochMillis, hasText, oneLine } from '../limits.js';
import { OCSF_ACTIVITY, OCSF_SEVERITY, OCSF_STATUS, ocsfActivity, ocsfUserType } from './ocsf-enums.js';
import {
  OCSF_CATEGORY_FINDINGS,
  OCSF_CLASS_DETECTION_FINDING,
  OCSF_VERSION,
  type OcsfAccount,
  type OcsfActor,
  type OcsfApi,
  type OcsfDetectionFinding,
  type OcsfEndpoint,
  type OcsfEvidence,
  type OcsfResource,
} from './ocsf-finding.js';

export interface OcsfOptions {
  /** `metadata.product.version`; this package's version by default. */
  readonly productVersion?: string;
  /** `metadata.product.vendor_name`; `trailwarden` by default. */
  readonly vendorName?: string;
  /** Partition of resources whose ARN does not say; from the region otherwise. */
  readonly awsPartition?: AwsPartition;
  /** Stands in for finding times that do not parse; the current time by default. */
  readonly now?: string;
  /** Rules to take the analytic's name and description from; the catalog by default. */
  readonly rules?: readonly Pick<Rule, 'id' | 'title' | 'description'>[];
}

const PRODUCT_NAME = 'trailwarden';

/**
 * A finding as an OCSF 1.1.0 Detection Finding [2004] (category Findings [2]). Detection
 * Finding replaced the Security Finding class [2001] in 1.1.0 (2001 is deprecated there), and a
 * rule firing on an event is exactly a detection. The cloud profile carries the account,
 * region and API call; the actor and caller endpoint are the finding's evidence artifact;
 * what OCSF has no attribute for (rule id, evidence, CIS/MITRE references, dedupe key) is in
 * `unmapped`.
 *
 * @example
 * const event = toOcsf(finding);
 * event.type_uid; // 200401 (Detection Finding: Create)
 */
export function toOcsf(finding: Finding | StoredFinding, options: OcsfOptions = {}): OcsfDetectionFinding {
  const now = options.now ?? new Date().toISOString();
  const life = findingLife(finding, now);
  const activityId = ocsfActivity(life);
  const severity = OCSF_SEVERITY[finding.severity];
  const status = OCSF_STATUS[life.status];
  const rule = (options.rules ?? CATALOG).find((candidate) => candidate.id === finding.ruleId);
  const account = awsAccount(finding.account);
  const region = hasText(finding.region) ? finding.region : undefined;
  const partition = options.awsPartition ?? partitionOfRegion(finding.region);
  const api = ocsfApi(finding);
  const evidence = ocsfEvidence(finding, api);
  const title = hasText(finding.title) ? oneLine(finding.title) : finding.ruleId;
  const summary = hasText(finding.summary) ? oneLine(finding.summary) : title;
  const links = (finding.references.links ?? []).filter((link) => /^https?:\/\/\S+$/.test(link));
  const updatedMs = ms(life.updatedAt);
  return {
    activity_id: activityId,
    activity_name: OCSF_ACTIVITY[activityId],
    category_uid: OCSF_CATEGORY_FINDINGS,
    category_name: 'Findings',
    class_uid: OCSF_CLASS_DETECTION_FINDING,
    class_name: 'Detection Finding',
    type_uid: OCSF_CLASS_DETECTION_FINDING * 100 + activityId,
    type_name: `Detection Finding: ${OCSF_ACTIVITY[activityId]}`,
    severity_id: severity.id,
    severity: severity.caption,
    status_id: status.id,
    status: status.caption,
    time: updatedMs,
    start_time: ms(life.firstSeen),
    end_time: ms(life.lastSeen),
    count: life.count,
    message: summary,
    metadata: {
      version: OCSF_VERSION,
      // One uid per finding event: a stored finding emits a new event each time it changes.
      uid: life.stored ? `${finding.id}:${updatedMs}` : finding.id,
      correlation_uid: finding.dedupeKey,
      profiles: ['cloud'],
      product: {
        name: PRODUCT_NAME,
        vendor_name: options.vendorName ?? PRODUCT_NAME,
        version: options.productVersion ?? packageJson.version,
      },
    },
    finding_info: {
      uid: finding.id,
      title,
      desc: summary,
      types: [finding.category],
      created_time: ms(life.createdAt),
      modified_time: updatedMs,
      first_seen_time: ms(life.firstSeen),
      last_seen_time: ms(life.lastSeen),
      analytic: {
        uid: finding.ruleId,
        name: rule?.title ?? finding.ruleId,
        ...(rule !== undefined && hasText(rule.description) && { desc: oneLine(rule.description) }),
        type_id: 1,
        type: 'Rule',
      },
    },
    cloud: { provider: 'AWS', ...(region !== undefined && { region }), account },
    ...(api !== undefined && { api }),
    ...(evidence !== undefined && { evidences: [evidence] }),
    resources: ocsfResources(finding, region, partition),
    ...(hasText(finding.runbook) && {
      remediation: { desc: finding.runbook.trim(), ...(links.length > 0 && { references: links }) },
    }),
    unmapped: ocsfUnmapped(finding, life),
  };
}

function ms(iso: string): number {
  return epochMillis(iso, '');
}

function awsAccount(uid: string): OcsfAccount {
  return { uid, type: 'AWS Account', type_id: 10 };
}

function ocsfApi(finding: Finding): OcsfApi | undefined {
  if (!isApiCallFinding(finding)) return undefined;
  return { operation: finding.eventName, service: { name: finding.eventSource } };
}

function ocsfEvidence(finding: Finding, api: OcsfApi | undefined): OcsfEvidence | undefined {
  const actor = ocsfActor(finding.actor, finding.account);
  const endpoint = ocsfEndpoint(finding.actor.sourceIp);
  if (actor === undefined && api === undefined && endpoint === undefined) return undefined;
  return {
    ...(actor !== undefined && { actor }),
    ...(api !== undefined && { api }),
    ...(endpoint !== undefined && { src_endpoint: endpoint }),
  };
}

function ocsfActor(actor: FindingActor, account: string): OcsfActor | undefined {
  const type = ocsfUserType(actor.type);
  const uid = actor.arn ?? actor.principalId;
  const name = actor.arn?.slice(actor.arn.lastIndexOf('/') + 1);
  const arnAccount = actor.arn?.split(':')[4];
  // A failed sign-in by an unknown user names nobody; an anonymous user object says nothing.
  if (!hasText(uid) && !hasText(name)) return undefined;
  const user = {
    type_id: type.id,
    type: type.caption,
    ...(hasText(uid) && { uid }),
    ...(hasText(name) && name !== actor.arn && { name }),
    account: awsAccount(hasText(arnAccount) ? arnAccount : account),
  };
  // AWS services sign with their own credentials: MFA means nothing for them.
  return type.id === 3 ? { user } : { user, session: { is_mfa: actor.mfa } };
}

function ocsfEndpoint(source: string | undefined): OcsfEndpoint | undefined {
  if (!hasText(source)) return undefined;
  if (isIP(source) !== 0) return { ip: source };
  // CloudTrail writes the service host name (`config.amazonaws.com`) when AWS made the call.
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(source) ? { domain: source } : undefined;
}

function ocsfResources(
  finding: Finding,
  region: string | undefined,
  partition: AwsPartition,
): OcsfResource[] {
  const resources = finding.resources.filter(hasText).map(describeResource);
  if (resources.length === 0) {
    return [
      {
        uid: finding.account,
        type: 'AWS::::Account',
        ...(region !== undefined && { region }),
        cloud_partition: partition,
      },
    ];
  }
  return resources.map((resource) => {
    const resourceRegion = resource.region ?? region;
    return {
      uid: resource.id,
      type: resource.kind.cloudFormation,
      ...(resource.name !== undefined && { name: resource.name }),
      ...(resourceRegion !== undefined && { region: resourceRegion }),
      cloud_partition: resource.partition ?? partition,
    };
  });
}

function ocsfUnmapped(finding: Finding, life: FindingLife): Record<string, unknown> {
  return {
    rule_id: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    event_id: finding.eventId,
    event_name: finding.eventName,
    event_source: finding.eventSource,
    dedupe_key: finding.dedupeKey,
    provenance: finding.actor.provenance,
    actor_type: finding.actor.type,
    ...(finding.actor.principalId !== undefined && { principal_id: finding.actor.principalId }),
    ...(finding.actor.userAgent !== undefined && { user_agent: finding.actor.userAgent }),
    references: {
      cis: finding.references.cis ?? [],
      security_hub: finding.references.securityHub ?? [],
      mitre_attack: finding.references.mitre ?? [],
    },
    remediation_actions: finding.remediation,
    context: finding.context,
    ...(life.suppression !== undefined && { suppression: life.suppression }),
    ...(finding.source !== undefined && { source: finding.source }),
  };
}

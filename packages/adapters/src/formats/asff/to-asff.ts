import { isIP, isIPv4 } from 'node:net';
import type { Finding, FindingStatus, Severity, StoredFinding } from '@trailwarden/core';
import { accountResource, describeResource, partitionOfRegion } from '../aws-resource.js';
import { isApiCallFinding } from '../event-kind.js';
import { type FindingLife, findingLife } from '../finding-view.js';
import { clip, hasText, oneLine } from '../limits.js';
import { runbookRecommendation } from '../runbook-text.js';
import type {
  AsffAction,
  AsffApiCallAction,
  AsffComplianceStatus,
  AsffFinding,
  AsffRecordState,
  AsffResource,
  AsffSeverityLabel,
  AsffWorkflowStatus,
} from './asff-finding.js';
import { asffProductFields } from './asff-product-fields.js';
import { asffTypes } from './asff-types.js';

/**
 * Documented ASFF limits this mapping cuts to.
 *
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Recommendation.html
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Resource.html
 */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  noteText: 512,
  severityOriginal: 64,
  productName: 128,
  companyName: 128,
  region: 16,
  api: 128,
  resources: 32,
  relatedRequirements: 32,
} as const;

export interface AsffOptions {
  /**
   * The product ARN findings are imported under. Defaults to the account's custom-integration
   * product, `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`.
   */
  readonly productArn?: string;
  /** Prepended to the rule id to form `GeneratorId` (e.g. `trailwarden/`); empty by default. */
  readonly generatorPrefix?: string;
  /** Partition of the default product ARN and of resources whose ARN does not say; from the region otherwise. */
  readonly awsPartition?: 'aws' | 'aws-cn' | 'aws-us-gov';
  /**
   * With the default product ARN, Security Hub only accepts findings whose `AwsAccountId` is the
   * calling account. A central security account importing findings about member accounts sets
   * this to its own id: it becomes `AwsAccountId` and the product's account, and the member
   * account is listed as an `AwsAccount` resource and in `ProductFields`.
   */
  readonly importAccountId?: string;
  /** Region `BatchImportFindings` is called in, for the default product ARN; the finding's region otherwise. */
  readonly importRegion?: string;
  /** `CompanyName`; `trailwarden` by default. */
  readonly companyName?: string;
  /** Stands in for finding times that do not parse; the current time by default. */
  readonly now?: string;
}

const SCHEMA_VERSION = '2018-10-08';
const PRODUCT_NAME = 'trailwarden';
const GLOBAL_EVENTS_REGION = 'us-east-1';
const CIS_REQUIREMENT_PREFIX = 'CIS AWS Foundations Benchmark v1.4.0/';

const SEVERITY_LABELS: Readonly<Record<Severity, AsffSeverityLabel>> = {
  info: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/**
 * trailwarden's lifecycle in Security Hub's workflow: acknowledged findings have been seen by
 * someone (`NOTIFIED`); resolved and suppressed map one to one. Resolved findings are also
 * archived (`RecordState`), the attribute providers keep control of after creation.
 */
export const ASFF_WORKFLOW_STATUS: Readonly<Record<FindingStatus, AsffWorkflowStatus>> = {
  open: 'NEW',
  acknowledged: 'NOTIFIED',
  resolved: 'RESOLVED',
  suppressed: 'SUPPRESSED',
};

export const ASFF_RECORD_STATE: Readonly<Record<FindingStatus, AsffRecordState>> = {
  open: 'ACTIVE',
  acknowledged: 'ACTIVE',
  resolved: 'ARCHIVED',
  suppressed: 'ACTIVE',
};

/**
 * A finding as an AWS Security Finding Format object, ready for Security Hub
 * `BatchImportFindings`: every required attribute, each string cut to its documented limit,
 * and the lifecycle of a stored finding in `Workflow`/`RecordState`.
 *
 * @example
 * const asff = toAsff(finding, { generatorPrefix: 'trailwarden/' });
 * await securityHub.send(new BatchImportFindingsCommand({ Findings: [asff] }));
 */
export function toAsff(finding: Finding | StoredFinding, options: AsffOptions = {}): AsffFinding {
  const now = options.now ?? new Date().toISOString();
  const life = findingLife(finding, now);
  const partition = options.awsPartition ?? partitionOfRegion(finding.region);
  const accountId = options.importAccountId ?? finding.account;
  const foreignAccount = accountId !== finding.account;
  const region = hasText(finding.region) ? clip(finding.region, ASFF_LIMITS.region) : undefined;
  // Global-service events are recorded in us-east-1; a record without a region is treated alike.
  const productRegion = options.importRegion ?? region ?? GLOBAL_EVENTS_REGION;
  const types = asffTypes(finding.category, finding.references);
  const severity = {
    Label: SEVERITY_LABELS[finding.severity],
    Original: clip(finding.severity, ASFF_LIMITS.severityOriginal),
  };
  const title = clip(oneLine(finding.title), ASFF_LIMITS.title);
  const recommendation = runbookRecommendation(finding.runbook, ASFF_LIMITS.recommendationText);
  const url = finding.references.links?.find((link) => /^https?:\/\//.test(link));
  const compliance = asffCompliance(finding, life);
  const action = asffAction(finding, life);
  const note = asffNote(life);
  return {
    SchemaVersion: SCHEMA_VERSION,
    Id: clip(finding.id, ASFF_LIMITS.id),
    ProductArn:
      options.productArn ??
      `arn:${partition}:securityhub:${productRegion}:${accountId}:product/${accountId}/default`,
    ProductName: PRODUCT_NAME,
    CompanyName: clip(options.companyName ?? PRODUCT_NAME, ASFF_LIMITS.companyName),
    ...(region !== undefined && { Region: region }),
    GeneratorId: clip(`${options.generatorPrefix ?? ''}${finding.ruleId}`, ASFF_LIMITS.generatorId),
    AwsAccountId: accountId,
    Types: types,
    FirstObservedAt: life.firstSeen,
    LastObservedAt: life.lastSeen,
    CreatedAt: life.createdAt,
    UpdatedAt: life.updatedAt,
    Severity: severity,
    Title: hasText(title) ? title : finding.ruleId,
    Description: asffDescription(finding, title),
    ...(hasText(recommendation) && {
      Remediation: { Recommendation: { Text: recommendation, ...(url !== undefined && { Url: url }) } },
    }),
    ProductFields: asffProductFields(finding, life, foreignAccount ? { importAccountId: accountId } : {}),
    Resources: asffResources(finding, partition, region, foreignAccount),
    ...(compliance !== undefined && { Compliance: compliance }),
    Workflow: { Status: ASFF_WORKFLOW_STATUS[life.status] },
    RecordState: ASFF_RECORD_STATE[life.status],
    ...(note !== undefined && { Note: note }),
    ...(action !== undefined && { Action: action }),
    FindingProviderFields: { Severity: severity, Types: types },
  };
}

function asffDescription(finding: Finding, title: string): string {
  const summary = oneLine(finding.summary);
  const text = hasText(summary) ? summary : hasText(title) ? title : finding.ruleId;
  return clip(text, ASFF_LIMITS.description);
}

function asffResources(
  finding: Finding,
  partition: string,
  region: string | undefined,
  foreignAccount: boolean,
): AsffResource[] {
  const described = finding.resources.filter(hasText).map(describeResource);
  const accountListed = described.some((resource) => resource.kind.asff === 'AwsAccount');
  // A finding about the account itself (root sign-in) names no resource; Security Hub needs one.
  if (described.length === 0 || (foreignAccount && !accountListed))
    described.push(accountResource(finding.account));
  return described.slice(0, ASFF_LIMITS.resources).map((resource) => {
    // Global resources (IAM, S3 buckets) have no region in their ARN: they are where the call was.
    const resourceRegion = resource.region ?? region;
    return {
      Type: resource.kind.asff,
      Id: resource.id,
      Partition: resource.partition ?? partition,
      ...(resourceRegion !== undefined && { Region: clip(resourceRegion, ASFF_LIMITS.region) }),
    };
  });
}

function asffCompliance(finding: Finding, life: FindingLife): AsffFinding['Compliance'] {
  const cis = (finding.references.cis ?? []).filter(hasText);
  if (cis.length === 0) return undefined;
  // A resolved finding no longer fails the control it cites; anything else still does.
  const status: AsffComplianceStatus = life.status === 'resolved' ? 'PASSED' : 'FAILED';
  return {
    Status: status,
    RelatedRequirements: cis
      .slice(0, ASFF_LIMITS.relatedRequirements)
      .map((id) => `${CIS_REQUIREMENT_PREFIX}${id}`),
  };
}

function asffAction(finding: Finding, life: FindingLife): AsffAction | undefined {
  if (!isApiCallFinding(finding)) return undefined;
  return {
    ActionType: 'AWS_API_CALL',
    AwsApiCallAction: {
      Api: clip(finding.eventName, ASFF_LIMITS.api),
      ServiceName: finding.eventSource,
      ...callerOf(finding.actor.sourceIp),
      FirstSeen: life.firstSeen,
      LastSeen: life.lastSeen,
    },
  };
}

/**
 * CloudTrail's `sourceIPAddress` is an IP for people and workloads, and a service host name
 * (`config.amazonaws.com`) when an AWS service made the call. `RemoteIpDetails` only holds IPv4.
 */
function callerOf(
  source: string | undefined,
): Pick<AsffApiCallAction, 'CallerType' | 'RemoteIpDetails' | 'DomainDetails'> {
  if (source === undefined || !hasText(source)) return {};
  if (isIPv4(source)) return { CallerType: 'remoteip', RemoteIpDetails: { IpAddressV4: source } };
  if (isIP(source) !== 0) return { CallerType: 'remoteip' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(source))
    return { CallerType: 'domain', DomainDetails: { Domain: source } };
  return {};
}
function asffNote(life: FindingLife): AsffFinding['Note'] {
  const suppression = life.suppression;
  if (life.status !== 'suppressed' || suppression === undefined) return undefined;
  const text = oneLine(`Suppressed until ${suppression.expires}: ${suppression.reason}`);
  return {
    Text: clip(text, ASFF_LIMITS.noteText),
    UpdatedBy: clip(hasText(suppression.owner) ? suppression.owner : 'trailwarden', ASFF_LIMITS.noteText),
    UpdatedAt: life.updatedAt,
  };
}

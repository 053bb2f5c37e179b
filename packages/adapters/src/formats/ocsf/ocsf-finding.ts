/**
 * The OCSF 1.1.0 Detection Finding [2004] trailwarden writes: the class's required attributes,
 * the cloud profile (`cloud`, `api`), and the evidence artifact that holds the actor and the
 * caller's endpoint. Attribute names are OCSF's.
 *
 * @see https://schema.ocsf.io/1.1.0/classes/detection_finding
 * @see https://schema.ocsf.io/1.1.0/objects/finding_info
 * @see https://schema.ocsf.io/1.1.0/objects/evidences
 */

export const OCSF_VERSION = '1.1.0';
export const OCSF_CATEGORY_FINDINGS = 2;
export const OCSF_CLASS_DETECTION_FINDING = 2004;

export type OcsfActivityId = 1 | 2 | 3;
export type OcsfSeverityId = 1 | 2 | 3 | 4 | 5;
export type OcsfStatusId = 1 | 2 | 3 | 4;

export interface OcsfAccount {
  readonly uid: string;
  readonly type: 'AWS Account';
  readonly type_id: 10;
}

export interface OcsfUser {
  readonly type_id: 0 | 1 | 2 | 3 | 99;
  readonly type: string;
  readonly uid?: string;
  readonly name?: string;
  readonly account?: OcsfAccount;
}

export interface OcsfActor {
  readonly user: OcsfUser;
  readonly session?: { readonly is_mfa: boolean };
}

export interface OcsfApi {
  readonly operation: string;
  readonly service: { readonly name: string };
}

export interface OcsfEndpoint {
  readonly ip?: string;
  readonly domain?: string;
}

export interface OcsfEvidence {
  readonly actor?: OcsfActor;
  readonly api?: OcsfApi;
  readonly src_endpoint?: OcsfEndpoint;
}

export interface OcsfResource {
  readonly uid: string;
  readonly type: string;
  readonly name?: string;
  readonly region?: string;
  readonly cloud_partition?: string;
}

export interface OcsfAnalytic {
  readonly uid: string;
  readonly name: string;
  readonly desc?: string;
  readonly type_id: 1;
  readonly type: 'Rule';
}

export interface OcsfFindingInfo {
  readonly uid: string;
  readonly title: string;
  readonly desc: string;
  readonly types: readonly string[];
  readonly created_time: number;
  readonly modified_time: number;
  readonly first_seen_time: number;
  readonly last_seen_time: number;
  readonly analytic: OcsfAnalytic;
}

export interface OcsfDetectionFinding {
  readonly activity_id: OcsfActivityId;
  readonly activity_name: string;
  readonly category_uid: typeof OCSF_CATEGORY_FINDINGS;
  readonly category_name: 'Findings';
  readonly class_uid: typeof OCSF_CLASS_DETECTION_FINDING;
  readonly class_name: 'Detection Finding';
  readonly type_uid: number;
  readonly type_name: string;
  readonly severity_id: OcsfSeverityId;
  readonly severity: string;
  readonly status_id: OcsfStatusId;
  readonly status: string;
  /** Epoch milliseconds of this finding event: detection for a new finding, the last change otherwise. */
  readonly time: number;
  readonly start_time: number;
  readonly end_time: number;
  readonly count: number;
  readonly message: string;
  readonly metadata: {
    readonly version: typeof OCSF_VERSION;
    readonly uid: string;
    readonly correlation_uid: string;
    readonly profiles: readonly string[];
    readonly product: { readonly name: string; readonly vendor_name: string; readonly version: string };
  };
  readonly finding_info: OcsfFindingInfo;
  readonly cloud: { readonly provider: 'AWS'; readonly region?: string; readonly account: OcsfAccount };
  readonly api?: OcsfApi;
  readonly evidences?: readonly OcsfEvidence[];
  readonly resources: readonly OcsfResource[];
  readonly remediation?: { readonly desc: string; readonly references?: readonly string[] };
  /** trailwarden's fields that OCSF has no attribute for (rule id, evidence, references …). */
  readonly unmapped: Readonly<Record<string, unknown>>;
}

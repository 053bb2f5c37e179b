/**
 * The subset of the AWS Security Finding Format (ASFF) trailwarden writes, shaped as
 * `BatchImportFindings` takes it (`Findings[]`). Names and casing are Security Hub's.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 */

export type AsffSeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AsffWorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
export type AsffRecordState = 'ACTIVE' | 'ARCHIVED';
export type AsffComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';

export interface AsffSeverity {
  readonly Label: AsffSeverityLabel;
  /** trailwarden's own severity (`critical` …). */
  readonly Original: string;
}

export interface AsffResource {
  readonly Type: string;
  readonly Id: string;
  readonly Partition?: string;
  readonly Region?: string;
}

export interface AsffApiCallAction {
  readonly Api: string;
  readonly ServiceName: string;
  /** `remoteip` when the caller's address is an IP, `domain` when it is a service host name. */
  readonly CallerType?: 'remoteip' | 'domain';
  readonly RemoteIpDetails?: { readonly IpAddressV4: string };
  readonly DomainDetails?: { readonly Domain: string };
  readonly FirstSeen: string;
  readonly LastSeen: string;
}

export interface AsffAction {
  readonly ActionType: 'AWS_API_CALL';
  readonly AwsApiCallAction: AsffApiCallAction;
}

export interface AsffFinding {
  readonly SchemaVersion: '2018-10-08';
  readonly Id: string;
  readonly ProductArn: string;
  readonly ProductName: string;
  readonly CompanyName: string;
  readonly Region?: string;
  readonly GeneratorId: string;
  readonly AwsAccountId: string;
  readonly Types: readonly string[];
  readonly FirstObservedAt: string;
  readonly LastObservedAt: string;
  readonly CreatedAt: string;
  readonly UpdatedAt: string;
  readonly Severity: AsffSeverity;
  readonly Title: string;
  readonly Description: string;
  readonly Remediation?: { readonly Recommendation: { readonly Text: string; readonly Url?: string } };
  readonly ProductFields: Readonly<Record<string, string>>;
  readonly Resources: readonly AsffResource[];
  readonly Compliance?: {
    readonly Status: AsffComplianceStatus;
    readonly RelatedRequirements?: readonly string[];
  };
  readonly Workflow: { readonly Status: AsffWorkflowStatus };
  readonly RecordState: AsffRecordState;
  readonly Note?: { readonly Text: string; readonly UpdatedBy: string; readonly UpdatedAt: string };
  readonly Action?: AsffAction;
  /**
   * Security Hub only takes `Severity` and `Types` from the top level when a finding is created;
   * providers change them later through `FindingProviderFields`.
   */
  readonly FindingProviderFields: {
    readonly Severity: AsffSeverity;
    readonly Types: readonly string[];
  };
}

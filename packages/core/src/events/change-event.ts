/**
 * The normalized event every rule is written against. Entry points (EventBridge, raw
 * CloudTrail records, log files, lookup-events output, AWS Config) all become one
 * `ChangeEvent`; rules never look at the input's envelope.
 */

/**
 * Where a change came from, judged from `userIdentity`, `sessionContext.sessionIssuer`,
 * `invokedBy` and the user agent:
 * - `human-console`: a person in the AWS console;
 * - `human-api`: a person's credentials from the CLI/SDK;
 * - `deploy-pipeline`: a CI/CD or infrastructure-as-code role (CloudFormation, Terraform, CDK …);
 * - `aws-service`: AWS acting on its own or on someone's behalf (`invokedBy`, `AWSService`);
 * - `unknown`: not enough to tell.
 */
export type Provenance = 'human-console' | 'human-api' | 'deploy-pipeline' | 'aws-service' | 'unknown';

/** The role or user a session was issued from (`sessionContext.sessionIssuer`). */
export interface SessionIssuer {
  readonly type?: string;
  readonly arn?: string;
  readonly userName?: string;
  readonly accountId?: string;
  readonly principalId?: string;
}

/** Who made the call. Unknown identity types are kept as they are, never rejected. */
export interface Actor {
  /** `userIdentity.type`: Root, IAMUser, AssumedRole, FederatedUser, AWSService, AWSAccount, IdentityCenterUser, WebIdentityUser, SAMLUser, Unknown … */
  readonly type: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly principalId?: string;
  /** IAM user name, role session's role name, or federated user name, when known. */
  readonly userName?: string;
  readonly sessionIssuer?: SessionIssuer;
  /** `sessionContext.attributes.mfaAuthenticated` or, for console sign-in, `additionalEventData.MFAUsed`. */
  readonly mfaUsed: boolean;
  /** True when the call came through the AWS console (sessionCredentialFromConsole, signin, console user agents). */
  readonly viaConsole: boolean;
  readonly userAgent?: string;
  readonly sourceIp?: string;
  /** `userIdentity.invokedBy` (an AWS service acting on behalf of the principal). */
  readonly invokedBy?: string;
  readonly provenance: Provenance;
}

/** AWS Config payload carried by events that come from AWS Config rather than CloudTrail. */
export interface ConfigDetails {
  readonly kind:
    | 'compliance-change'
    | 'configuration-item-change'
    | 'oversized-configuration-item-change'
    | 'custom-rule-invocation';
  readonly configRuleName?: string;
  readonly configRuleArn?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  /** `COMPLIANT`, `NON_COMPLIANT`, `NOT_APPLICABLE`, `INSUFFICIENT_DATA` for compliance changes. */
  readonly complianceType?: string;
  readonly previousComplianceType?: string;
  /** Configuration item (or its summary for oversized items), as received. */
  readonly configurationItem?: Record<string, unknown>;
  /** Custom-rule invocations: parsed `ruleParameters` and the `resultToken` for PutEvaluations. */
  readonly ruleParameters?: Record<string, unknown>;
  readonly resultToken?: string;
  readonly annotation?: string;
}

/** Which input form the event was read from. */
export type EventOrigin =
  | 'cloudtrail-record'
  | 'eventbridge'
  | 'lookup-events'
  | 'config-eventbridge'
  | 'config-rule-invocation';

export interface ChangeEvent {
  /** CloudTrail `eventID`; for inputs without one, a stable hash of the record. */
  readonly eventId: string;
  /** e.g. `iam.amazonaws.com`. Config events use `config.amazonaws.com`. */
  readonly eventSource: string;
  /** e.g. `PutRolePolicy`. Config events use `ComplianceChange`, `ConfigurationItemChange`, `OversizedConfigurationItemChange`, `CustomRuleInvocation`. */
  readonly eventName: string;
  /** CloudTrail `eventType` (AwsApiCall, AwsConsoleSignIn, AwsServiceEvent, AwsConsoleAction …). */
  readonly eventType?: string;
  /** ISO-8601 time of the call. */
  readonly time: string;
  /** Epoch milliseconds of `time` (0 when the time is unparseable). */
  readonly timeMs: number;
  /** The account the call acted in (`recipientAccountId`, else the actor's account). */
  readonly account: string;
  readonly region: string;
  readonly actor: Actor;
  /** CloudTrail `readOnly`; undefined when the record does not say. */
  readonly readOnly?: boolean;
  /** False when the record carries an `errorCode` (or a sign-in `Failure`). */
  readonly success: boolean;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** Never null: `{}` when the record had `null` or nothing. */
  readonly requestParameters: Readonly<Record<string, unknown>>;
  readonly responseElements: Readonly<Record<string, unknown>>;
  readonly additionalEventData: Readonly<Record<string, unknown>>;
  /** ARNs of the resources the call touched (from `resources[]` and well-known parameters). */
  readonly resources: readonly string[];
  readonly origin: EventOrigin;
  /** Set for AWS Config inputs. */
  readonly config?: ConfigDetails;
  /** The original CloudTrail record (or Config payload) as received. */
  readonly raw: Readonly<Record<string, unknown>>;
}

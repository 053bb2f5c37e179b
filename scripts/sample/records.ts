import type { Random } from './random.js';
import { UPPER_ALNUM } from './random.js';
import { isoSeconds } from './time.js';
import type { Caller } from './world.js';

/** One record of the archive and where it belongs. */
export interface SampleRecord {
  readonly account: string;
  readonly region: string;
  readonly timeMs: number;
  readonly record: Record<string, unknown>;
  /** Set on records injected from a rule fixture. */
  readonly fixture?: InjectedFrom;
}

export interface InjectedFrom {
  readonly ruleId: string;
  /** Fixture file name, e.g. `match-stop-logging.json`. */
  readonly name: string;
  /** True for the record the fixture judges (its last one). */
  readonly judged: boolean;
}

/** What a call looks like beyond who made it. */
export interface CallSpec {
  readonly source: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly params?: Record<string, unknown> | null;
  readonly response?: Record<string, unknown> | null;
  readonly error?: { readonly code?: string; readonly message: string };
  readonly additional?: Record<string, unknown>;
  readonly resources?: readonly Record<string, unknown>[];
  /** Default `AwsApiCall`. */
  readonly eventType?: string;
  readonly apiVersion?: string;
  /** Host the client connected to; default `<service>.<region>.amazonaws.com`. */
  readonly host?: string;
}

/** Where and when a call happens, and who makes it. */
export interface CallContext {
  readonly rng: Random;
  readonly account: string;
  readonly region: string;
  readonly timeMs: number;
  readonly caller: Caller;
}

const S3_SOURCE = 's3.amazonaws.com';

/**
 * A CloudTrail record with the fields in the order CloudTrail writes them.
 *
 * @example
 * const record = cloudTrailRecord(ctx, { source: 'ec2.amazonaws.com', name: 'DescribeVpcs', readOnly: true, params: { vpcSet: {} } });
 */
export function cloudTrailRecord(ctx: CallContext, call: CallSpec): SampleRecord {
  const { rng, account, region, timeMs, caller } = ctx;
  const service = call.source.replace('.amazonaws.com', '');
  const s3 = call.source === S3_SOURCE;
  const record: Record<string, unknown> = {
    eventVersion: call.eventType === 'AwsConsoleSignIn' ? '1.08' : '1.09',
    userIdentity: caller.identity(account, timeMs),
    eventTime: isoSeconds(timeMs),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: region,
    sourceIPAddress: caller.invokedBy ?? caller.sourceIp,
    userAgent: caller.invokedBy ?? caller.userAgent,
  };
  if (call.error) {
    if (call.error.code !== undefined) record.errorCode = call.error.code;
    record.errorMessage = call.error.message;
  }
  record.requestParameters = call.params ?? null;
  record.responseElements = call.response ?? null;
  if (s3) {
    record.additionalEventData = {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredIn: 0,
      AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': `${rng.chars(60, UPPER_ALNUM)}=`,
      bytesTransferredOut: call.readOnly ? rng.int(120, 2400) : 0,
      ...call.additional,
    };
  } else if (call.additional) {
    record.additionalEventData = call.additional;
  }
  record.requestID = s3 ? rng.chars(16, UPPER_ALNUM) : rng.uuid();
  record.eventID = rng.uuid();
  record.readOnly = call.readOnly;
  if (call.resources) record.resources = call.resources;
  record.eventType = call.eventType ?? 'AwsApiCall';
  if (call.apiVersion) record.apiVersion = call.apiVersion;
  record.managementEvent = true;
  record.recipientAccountId = account;
  record.eventCategory = 'Management';
  if (caller.invokedBy === undefined) {
    record.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader:
        call.host ?? (s3 ? `s3.${region}.amazonaws.com` : `${service}.${region}.amazonaws.com`),
    };
  }
  if (caller.console) record.sessionCredentialFromConsole = 'true';
  return { account, region, timeMs, record };
}

/** A temporary access key id (`ASIA…`) for a new session. */
export function sessionKey(rng: Random): string {
  return `ASIA${rng.chars(16, UPPER_ALNUM)}`;
}

/** The `resources` entry CloudTrail adds to bucket-level S3 calls. */
export function bucketResource(account: string, bucket: string): Record<string, unknown> {
  return { accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` };
}

/** The `AccessDenied` message IAM writes for a call no identity-based policy allows. */
export function accessDeniedMessage(callerArn: string, action: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
}

import type { ChangeEvent } from '../../events/change-event.js';
import { bool, str } from '../../util/fields.js';
import { regionalArn } from './resource-arn.js';

/**
 * Readers for CloudTrail's own management calls (`CreateTrail`, `UpdateTrail`, `StopLogging` …).
 * A request names the trail by name or ARN and carries only what the caller changed; the
 * response of `CreateTrail`/`UpdateTrail` carries the whole resulting configuration.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html
 */

/** The trail settings that decide what is logged, where, and how it is protected. */
export interface TrailSettings {
  readonly name?: string;
  readonly s3BucketName?: string;
  readonly s3KeyPrefix?: string;
  readonly isMultiRegionTrail?: boolean;
  readonly includeGlobalServiceEvents?: boolean;
  readonly logFileValidationEnabled?: boolean;
  readonly isOrganizationTrail?: boolean;
  /** KMS key of SSE-KMS log encryption; `''` in a request removes encryption. */
  readonly kmsKeyId?: string;
  /** CloudWatch Logs delivery (the CIS metric filters read it); `''` in a request removes it. */
  readonly cloudWatchLogsLogGroupArn?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The ARN of the trail a call names: requests carry a name or an ARN (`name`, `trailName`).
 * Trail calls must be made in the trail's home region, so a bare name resolves there.
 *
 * @example
 * trailArnOf(event, 'management-events'); // 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events'
 */
export function trailArnOf(event: Pick<ChangeEvent, 'account' | 'region'>, nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : regionalArn(event, 'cloudtrail', `trail/${nameOrArn}`);
}

/** The trail an event acts on, as an ARN: the response's `trailARN`, else the request's name. */
export function trailOf(
  event: Pick<ChangeEvent, 'account' | 'region' | 'requestParameters' | 'responseElements'>,
): string | undefined {
  const fromResponse = str(event.responseElements, 'trailARN');
  if (fromResponse) return fromResponse;
  const requested = str(event.requestParameters, 'name') ?? str(event.requestParameters, 'trailName');
  return requested ? trailArnOf(event, requested) : undefined;
}

/** The short name of a trail ARN (`…:trail/management-events` → `management-events`). */
export function trailName(trailArn: string): string {
  return trailArn.includes(':trail/')
    ? trailArn.slice(trailArn.indexOf(':trail/') + ':trail/'.length)
    : trailArn;
}

function readCommon(bag: Readonly<Record<string, unknown>>, out: Mutable<TrailSettings>): void {
  const name = str(bag, 'name');
  if (name !== undefined) out.name = name.startsWith('arn:') ? trailName(name) : name;
  const strings = ['s3BucketName', 's3KeyPrefix', 'kmsKeyId', 'cloudWatchLogsLogGroupArn'] as const;
  for (const key of strings) {
    const value = str(bag, key);
    if (value !== undefined) out[key] = value;
  }
  const flags = ['isMultiRegionTrail', 'includeGlobalServiceEvents', 'isOrganizationTrail'] as const;
  for (const key of flags) {
    const value = bool(bag, key);
    if (value !== undefined) out[key] = value;
  }
}

/**
 * The settings a `CreateTrail`/`UpdateTrail` request asks for: only the ones it names.
 * (The request says `enableLogFileValidation`, the response `logFileValidationEnabled`.)
 *
 * @example
 * requestedTrailSettings({ name: 'org-trail', enableLogFileValidation: false }); // { name: 'org-trail', logFileValidationEnabled: false }
 */
export function requestedTrailSettings(requestParameters: Readonly<Record<string, unknown>>): TrailSettings {
  const out: Mutable<TrailSettings> = {};
  readCommon(requestParameters, out);
  const validation = bool(requestParameters, 'enableLogFileValidation');
  if (validation !== undefined) out.logFileValidationEnabled = validation;
  return out;
}

/** The configuration a `CreateTrail`/`UpdateTrail` response reports (undefined when the response is empty). */
export function resultingTrailSettings(
  responseElements: Readonly<Record<string, unknown>>,
): TrailSettings | undefined {
  if (str(responseElements, 'trailARN') === undefined && str(responseElements, 'name') === undefined)
    return undefined;
  const out: Mutable<TrailSettings> = {};
  readCommon(responseElements, out);
  const validation = bool(responseElements, 'logFileValidationEnabled');
  if (validation !== undefined) out.logFileValidationEnabled = validation;
  return out;
}

/** The account of a KMS key ARN, or undefined for key ids and aliases (which live in the caller's account). */
export function kmsKeyAccount(keyId: string): string | undefined {
  if (!keyId.startsWith('arn:')) return undefined;
  const account = keyId.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

import type { ChangeEvent } from '../../events/change-event.js';
import { bool, field, obj, str } from '../../util/fields.js';
import { partitionOf } from './resource-arn.js';

/**
 * Readers for the S3 control-plane records the S3 rules and learners judge. CloudTrail writes
 * S3's XML request bodies as JSON objects (`PublicAccessBlockConfiguration`,
 * `AccessControlPolicy`, `LifecycleConfiguration` …) next to the bucket name and an empty
 * sub-resource marker (`"policy": ""`, `"acl": ""`).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
 */

/** The four S3 Block Public Access settings, with S3's own names. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;
export type PublicAccessBlockFlag = (typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number];

/** One Block Public Access configuration (bucket or account level). */
export type PublicAccessBlockFlags = Readonly<Record<PublicAccessBlockFlag, boolean>>;

/** No protection: what S3 applies when a configuration is deleted or a flag is omitted. */
export const NO_PUBLIC_ACCESS_BLOCK: PublicAccessBlockFlags = Object.freeze({
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
});

/** The bucket a call names (`requestParameters.bucketName`). */
export function bucketOf(event: Pick<ChangeEvent, 'requestParameters'>): string | undefined {
  const bucket = str(event.requestParameters, 'bucketName');
  return bucket && bucket.length > 0 ? bucket : undefined;
}

/**
 * The ARN of a bucket (bucket ARNs carry neither region nor account).
 *
 * @example
 * bucketArn('trail-logs', 'us-east-1'); // 'arn:aws:s3:::trail-logs'
 */
export function bucketArn(bucket: string, region: string): string {
  return `arn:${partitionOf(region)}:s3:::${bucket}`;
}

/**
 * The policy document of a `PutBucketPolicy` record: `requestParameters.bucketPolicy` is an
 * object in CloudTrail, a JSON string in some re-serialized records. Undefined when absent.
 */
export function bucketPolicyInput(event: Pick<ChangeEvent, 'requestParameters'>): unknown {
  const value = field(event.requestParameters, 'bucketPolicy');
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  return value !== null && typeof value === 'object' ? value : undefined;
}

/**
 * The Block Public Access configuration a `Put…PublicAccessBlock` call sets. S3 treats an
 * omitted flag as `false`, so it is read as `false`. Undefined when the record carries no
 * configuration at all.
 *
 * @example
 * readPublicAccessBlock({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } });
 * // { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false }
 */
export function readPublicAccessBlock(
  requestParameters: Readonly<Record<string, unknown>>,
): PublicAccessBlockFlags | undefined {
  const config = obj(requestParameters, 'PublicAccessBlockConfiguration');
  if (!config) return undefined;
  const flags: Record<PublicAccessBlockFlag, boolean> = { ...NO_PUBLIC_ACCESS_BLOCK };
  for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) flags[flag] = bool(config, flag) ?? false;
  return flags;
}

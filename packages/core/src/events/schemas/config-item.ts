import { z } from 'zod';
import { AccountIdLikeSchema } from './user-identity.js';

/** Fields a configuration item and its oversized summary share: which resource, where, when. */
const ITEM_IDENTITY = {
  configurationItemVersion: z.string().optional(),
  configurationItemCaptureTime: z.string().optional(),
  configurationStateId: z.union([z.number(), z.string()]).optional(),
  awsAccountId: AccountIdLikeSchema.optional(),
  configurationItemStatus: z.string().optional(),
  resourceType: z.string(),
  resourceId: z.string().optional(),
  resourceName: z.string().optional(),
  ARN: z.string().optional(),
  awsRegion: z.string().optional(),
};

/**
 * An AWS Config configuration item. `configuration` is the resource's own description and
 * is left unchecked (it differs per resource type and is `null` for deleted resources).
 *
 * @example
 * {
 *   "configurationItemVersion": "1.3",
 *   "configurationItemCaptureTime": "2024-03-01T09:16:40.123Z",
 *   "configurationStateId": 1709284600123,
 *   "awsAccountId": "111122223333",
 *   "configurationItemStatus": "OK",
 *   "resourceType": "AWS::S3::Bucket",
 *   "resourceId": "example-bucket",
 *   "resourceName": "example-bucket",
 *   "ARN": "arn:aws:s3:::example-bucket",
 *   "awsRegion": "us-east-1",
 *   "availabilityZone": "Regional",
 *   "configuration": { "name": "example-bucket", … },
 *   "supplementaryConfiguration": { "PublicAccessBlockConfiguration": { … } },
 *   "tags": {}, "relationships": [], "relatedEvents": []
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/config-item-table.html
 */
export const ConfigurationItemSchema = z.looseObject({
  ...ITEM_IDENTITY,
  availabilityZone: z.string().optional(),
  configuration: z.unknown().optional(),
  supplementaryConfiguration: z.record(z.string(), z.unknown()).nullish(),
  tags: z.record(z.string(), z.unknown()).nullish(),
  relationships: z.array(z.unknown()).nullish(),
  relatedEvents: z.array(z.unknown()).nullish(),
});

/**
 * The summary Config sends instead of a configuration item that is too large for the
 * notification (the full item is in S3 at `s3DeliverySummary.s3BucketLocation`).
 *
 * @example
 * {
 *   "changeType": "UPDATE",
 *   "configurationItemVersion": "1.3",
 *   "configurationItemCaptureTime": "2024-03-01T09:16:40.123Z",
 *   "configurationStateId": 1709284600123,
 *   "awsAccountId": "111122223333",
 *   "configurationItemStatus": "OK",
 *   "resourceType": "AWS::IAM::Policy",
 *   "resourceId": "ANPAEXAMPLEID",
 *   "resourceName": "BroadPolicy",
 *   "ARN": "arn:aws:iam::111122223333:policy/BroadPolicy",
 *   "awsRegion": "global"
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/oversized-notification-example.html
 */
export const ConfigurationItemSummarySchema = z.looseObject({
  changeType: z.string().optional(),
  ...ITEM_IDENTITY,
});

export type ConfigurationItem = z.infer<typeof ConfigurationItemSchema>;
export type ConfigurationItemSummary = z.infer<typeof ConfigurationItemSummarySchema>;

import { z } from 'zod';

/** EventBridge detail-types whose `detail` is a CloudTrail record. */
export const CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES = [
  'AWS API Call via CloudTrail',
  'AWS Console Sign In via CloudTrail',
  'AWS Service Event via CloudTrail',
  'AWS Console Action via CloudTrail',
] as const;

/** EventBridge detail-types AWS Config sends that trailwarden reads. */
export const CONFIG_EVENTBRIDGE_DETAIL_TYPES = [
  'Config Rules Compliance Change',
  'Configuration Item Change Notification',
  'Oversized Configuration Item Change Notification',
] as const;

export type CloudTrailDetailType = (typeof CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES)[number];
export type ConfigDetailType = (typeof CONFIG_EVENTBRIDGE_DETAIL_TYPES)[number];

/**
 * The EventBridge envelope. Validates the envelope only; `detail` must be an object and is
 * checked by the schema of its detail-type (a CloudTrail record, or one of the Config
 * payloads), in the style of Powertools' `EventBridgeEnvelope`.
 *
 * @example
 * {
 *   "version": "0",
 *   "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
 *   "detail-type": "AWS API Call via CloudTrail",
 *   "source": "aws.s3",
 *   "account": "111122223333",
 *   "time": "2024-03-01T09:15:02Z",
 *   "region": "us-east-1",
 *   "resources": [],
 *   "detail": { "eventVersion": "1.09", "eventSource": "s3.amazonaws.com", "eventName": "PutBucketPolicy", … }
 * }
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudtrail.html
 * @see https://github.com/aws-powertools/powertools-lambda-typescript/blob/main/packages/parser/src/schemas/eventbridge.ts
 */
export const EventBridgeEnvelopeSchema = z.looseObject({
  version: z.string().optional(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()).optional(),
  detail: z.record(z.string(), z.unknown()),
  'replay-name': z.string().optional(),
});

export type EventBridgeEnvelope = z.infer<typeof EventBridgeEnvelopeSchema>;

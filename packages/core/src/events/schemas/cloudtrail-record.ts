import { z } from 'zod';
import { AccountIdLikeSchema, BooleanLikeSchema, UserIdentitySchema } from './user-identity.js';

/** A JSON object whose content normalization does not check (`requestParameters` …); may be `null`. */
const LooseBagSchema = z.record(z.string(), z.unknown()).nullish();

/**
 * One CloudTrail record as it appears in a log file's `Records`, in an EventBridge
 * `detail`, or inside a lookup-events `CloudTrailEvent` string. Loose: only the fields
 * normalization reads are checked, unknown fields are kept, `requestParameters` and
 * `responseElements` may be `null`. Only `eventSource` and `eventName` are required.
 *
 * @example
 * {
 *   "eventVersion": "1.09",
 *   "userIdentity": { "type": "IAMUser", "principalId": "AIDAEXAMPLEID", "arn": "arn:aws:iam::111122223333:user/alice",
 *                     "accountId": "111122223333", "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "userName": "alice" },
 *   "eventTime": "2024-03-01T09:15:02Z",
 *   "eventSource": "s3.amazonaws.com",
 *   "eventName": "PutBucketPolicy",
 *   "awsRegion": "us-east-1",
 *   "sourceIPAddress": "198.51.100.7",
 *   "userAgent": "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2",
 *   "requestParameters": { "bucketName": "example-bucket", "bucketPolicy": { … }, "policy": "" },
 *   "responseElements": null,
 *   "requestID": "EXAMPLE123", "eventID": "1bd8a7f6-…", "readOnly": false,
 *   "eventType": "AwsApiCall", "managementEvent": true,
 *   "recipientAccountId": "111122223333", "eventCategory": "Management"
 * }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 */
export const CloudTrailRecordSchema = z.looseObject({
  eventVersion: z.string().optional(),
  userIdentity: UserIdentitySchema.optional(),
  eventTime: z.string().optional(),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  awsRegion: z.string().optional(),
  sourceIPAddress: z.string().optional(),
  userAgent: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  requestParameters: LooseBagSchema,
  responseElements: LooseBagSchema,
  additionalEventData: LooseBagSchema,
  requestID: z.string().optional(),
  eventID: z.string().optional(),
  readOnly: BooleanLikeSchema.optional(),
  resources: z
    .array(
      z.looseObject({
        ARN: z.string().optional(),
        accountId: AccountIdLikeSchema.optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  eventType: z.string().optional(),
  managementEvent: z.boolean().optional(),
  recipientAccountId: AccountIdLikeSchema.optional(),
  sharedEventID: z.string().optional(),
  eventCategory: z.string().optional(),
  sessionCredentialFromConsole: BooleanLikeSchema.optional(),
});

/**
 * A CloudTrail log file as delivered to S3 (`AWSLogs/<account>/CloudTrail/<region>/…json.gz`).
 *
 * @example
 * { "Records": [ { "eventVersion": "1.09", … }, … ] }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 */
export const CloudTrailLogFileSchema = z.looseObject({ Records: z.array(z.unknown()) });

export type CloudTrailRecord = z.infer<typeof CloudTrailRecordSchema>;
export type CloudTrailLogFile = z.infer<typeof CloudTrailLogFileSchema>;

import { z } from 'zod';
import { ConfigurationItemSchema, ConfigurationItemSummarySchema } from './config-item.js';
import { AccountIdLikeSchema } from './user-identity.js';

const EvaluationResultSchema = z.looseObject({
  evaluationResultIdentifier: z
    .looseObject({
      evaluationResultQualifier: z
        .looseObject({
          configRuleName: z.string().optional(),
          resourceType: z.string().optional(),
          resourceId: z.string().optional(),
          evaluationMode: z.string().optional(),
        })
        .optional(),
      orderingTimestamp: z.string().optional(),
    })
    .optional(),
  complianceType: z.string(),
  resultRecordedTime: z.string().optional(),
  configRuleInvokedTime: z.string().optional(),
  annotation: z.string().optional(),
});

/**
 * `detail` of a `Config Rules Compliance Change` event. `oldEvaluationResult` is absent the
 * first time a resource is evaluated.
 *
 * @example
 * {
 *   "resourceId": "example-bucket",
 *   "awsRegion": "us-east-1",
 *   "awsAccountId": "111122223333",
 *   "configRuleName": "s3-bucket-public-read-prohibited",
 *   "recordVersion": "1.0",
 *   "configRuleARN": "arn:aws:config:us-east-1:111122223333:config-rule/config-rule-ab12cd",
 *   "messageType": "ComplianceChangeNotification",
 *   "newEvaluationResult": { "evaluationResultIdentifier": { … }, "complianceType": "NON_COMPLIANT",
 *                            "resultRecordedTime": "…", "configRuleInvokedTime": "…" },
 *   "oldEvaluationResult": { …, "complianceType": "COMPLIANT" },
 *   "notificationCreationTime": "2024-03-01T09:17:03.812Z",
 *   "resourceType": "AWS::S3::Bucket"
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/notifications-for-AWS-Config.html
 */
export const ConfigComplianceChangeDetailSchema = z.looseObject({
  resourceId: z.string(),
  resourceType: z.string(),
  awsRegion: z.string().optional(),
  awsAccountId: AccountIdLikeSchema.optional(),
  configRuleName: z.string(),
  configRuleARN: z.string().optional(),
  recordVersion: z.string().optional(),
  messageType: z.string().optional(),
  newEvaluationResult: EvaluationResultSchema,
  oldEvaluationResult: EvaluationResultSchema.optional(),
  notificationCreationTime: z.string().optional(),
});

/**
 * `detail` of a `Configuration Item Change Notification` event.
 *
 * @example
 * {
 *   "recordVersion": "1.3",
 *   "messageType": "ConfigurationItemChangeNotification",
 *   "configurationItemDiff": { "changedProperties": { … }, "changeType": "UPDATE" },
 *   "notificationCreationTime": "2024-03-01T09:16:41.511Z",
 *   "configurationItem": { "resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-0a1b2c3d4e5f67890", … }
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/example-sns-notification.html
 */
export const ConfigurationItemChangeDetailSchema = z.looseObject({
  recordVersion: z.string().optional(),
  messageType: z.string().optional(),
  configurationItemDiff: z
    .looseObject({
      changedProperties: z.record(z.string(), z.unknown()).optional(),
      changeType: z.string().optional(),
    })
    .nullish(),
  notificationCreationTime: z.string().optional(),
  configurationItem: ConfigurationItemSchema,
});

/**
 * `detail` of an `Oversized Configuration Item Change Notification` event: a summary and
 * where the full item was delivered.
 *
 * @example
 * {
 *   "configurationItemSummary": { "changeType": "UPDATE", "resourceType": "AWS::IAM::Policy", … },
 *   "s3DeliverySummary": { "s3BucketLocation": "config-bucket/AWSLogs/111122223333/Config/…" },
 *   "notificationCreationTime": "2024-03-01T09:16:41.511Z",
 *   "messageType": "OversizedConfigurationItemChangeNotification",
 *   "recordVersion": "1.0"
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/oversized-notification-example.html
 */
export const OversizedConfigurationItemChangeDetailSchema = z.looseObject({
  configurationItemSummary: ConfigurationItemSummarySchema,
  s3DeliverySummary: z
    .looseObject({ s3BucketLocation: z.string().optional(), errorCode: z.string().optional() })
    .optional(),
  notificationCreationTime: z.string().optional(),
  messageType: z.string().optional(),
  recordVersion: z.string().optional(),
});

export type ConfigComplianceChangeDetail = z.infer<typeof ConfigComplianceChangeDetailSchema>;
export type ConfigurationItemChangeDetail = z.infer<typeof ConfigurationItemChangeDetailSchema>;
export type OversizedConfigurationItemChangeDetail = z.infer<
  typeof OversizedConfigurationItemChangeDetailSchema
>;

import { z } from 'zod';
import { ConfigurationItemSchema, ConfigurationItemSummarySchema } from './config-item.js';
import { AccountIdLikeSchema } from './user-identity.js';

/**
 * The event AWS Config sends to a custom rule's Lambda function. `invokingEvent` and
 * `ruleParameters` are JSON *strings*; `resultToken` is handed back to `PutEvaluations`.
 *
 * @example
 * {
 *   "version": "1.0",
 *   "invokingEvent": "{\"configurationItem\":{…},\"notificationCreationTime\":\"…\",\"messageType\":\"ConfigurationItemChangeNotification\",\"recordVersion\":\"1.3\"}",
 *   "ruleParameters": "{\"maxAccessKeyAgeDays\":\"90\"}",
 *   "resultToken": "eyJlbmNyeXB0ZWREYXRhIjpb…",
 *   "eventLeftScope": false,
 *   "executionRoleArn": "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
 *   "configRuleArn": "arn:aws:config:us-east-1:111122223333:config-rule/config-rule-ab12cd",
 *   "configRuleName": "trailwarden-s3-public-access",
 *   "configRuleId": "config-rule-ab12cd",
 *   "accountId": "111122223333",
 *   "evaluationMode": "DETECTIVE"
 * }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html
 */
export const ConfigRuleInvocationSchema = z.looseObject({
  version: z.string().optional(),
  invokingEvent: z.string(),
  ruleParameters: z.string().optional(),
  resultToken: z.string(),
  eventLeftScope: z.boolean().optional(),
  executionRoleArn: z.string().optional(),
  configRuleArn: z.string().optional(),
  configRuleName: z.string().optional(),
  configRuleId: z.string().optional(),
  accountId: AccountIdLikeSchema.optional(),
  evaluationMode: z.string().optional(),
});

/**
 * The parsed `invokingEvent` of a custom-rule invocation. Its `messageType` is
 * `ConfigurationItemChangeNotification` (with `configurationItem`, `null` when the resource
 * left scope), `OversizedConfigurationItemChangeNotification` (with
 * `configurationItemSummary`), `ScheduledNotification` or
 * `ConfigurationSnapshotDeliveryCompleted` (periodic rules: only the account and time).
 *
 * @example
 * { "awsAccountId": "111122223333", "notificationCreationTime": "2024-03-01T10:00:00.000Z",
 *   "messageType": "ScheduledNotification", "recordVersion": "1.0" }
 * @see https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html
 */
export const InvokingEventSchema = z.looseObject({
  messageType: z.string(),
  configurationItem: ConfigurationItemSchema.nullish(),
  configurationItemSummary: ConfigurationItemSummarySchema.optional(),
  awsAccountId: AccountIdLikeSchema.optional(),
  notificationCreationTime: z.string().optional(),
  recordVersion: z.string().optional(),
});

/**
 * The parsed `ruleParameters` of a custom-rule invocation: the input parameters set on the
 * rule, as a JSON object (values are strings, as Config sends them).
 *
 * @example
 * { "maxAccessKeyAgeDays": "90", "allowedPorts": "443" }
 * @see https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html#config-Type-ConfigRule-InputParameters
 */
export const RuleParametersSchema = z.record(z.string(), z.unknown());

export type ConfigRuleInvocation = z.infer<typeof ConfigRuleInvocationSchema>;
export type InvokingEvent = z.infer<typeof InvokingEventSchema>;

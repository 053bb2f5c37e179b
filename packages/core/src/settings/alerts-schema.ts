import { z } from 'zod';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import { notA } from './messages.js';

/** The alert channels a settings file can route to. */
export const ALERT_CHANNELS = ['console', 'sns', 'slack', 'email'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/**
 * Minimum severity of each channel when the file does not say: the console (local runs) shows
 * everything, SNS carries low and up for machines, people get medium (Slack) and high (email).
 */
export const DEFAULT_MIN_SEVERITY: Readonly<Record<AlertChannel, Severity>> = {
  console: 'info',
  sns: 'low',
  slack: 'medium',
  email: 'high',
};

const minSeverity = (channel: AlertChannel) =>
  z
    .enum(SEVERITIES, { error: notA('a severity', `one of ${SEVERITIES.join(', ')}`) })
    .default(DEFAULT_MIN_SEVERITY[channel]);

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const SlackSchema = z
  .strictObject({
    /** Secrets Manager secret holding the incoming-webhook URL (deployed stack). */
    webhookSecretArn: z
      .string()
      .regex(SECRET_ARN, {
        error: notA('a secret ARN', 'arn:aws:secretsmanager:<region>:<account>:secret:<name>'),
      })
      .optional(),
    /** Environment variable holding the incoming-webhook URL (local runs). The URL is a secret: it never sits in the file. */
    webhookUrlEnv: z
      .string()
      .regex(ENV_NAME, { error: notA('an environment variable name', 'a name like SLACK_WEBHOOK_URL') })
      .optional(),
    minSeverity: minSeverity('slack'),
  })
  .refine((slack) => !(slack.webhookSecretArn !== undefined && slack.webhookUrlEnv !== undefined), {
    error: 'gives both webhookSecretArn and webhookUrlEnv; expected one of them',
  });

/**
 * Alert routing: a channel is on when its key is present; each has a minimum severity.
 *
 * @example
 * AlertsSchema.parse({ slack: { webhookUrlEnv: 'SLACK_WEBHOOK_URL' } }).slack?.minSeverity; // 'medium'
 */
export const AlertsSchema = z.strictObject({
  console: z.strictObject({ minSeverity: minSeverity('console') }).optional(),
  sns: z
    .strictObject({
      /** Topic to publish to; the deployed stack creates one when absent. */
      topicArn: z
        .string()
        .regex(TOPIC_ARN, { error: notA('an SNS topic ARN', 'arn:aws:sns:<region>:<account>:<topic>') })
        .optional(),
      minSeverity: minSeverity('sns'),
    })
    .optional(),
  slack: SlackSchema.optional(),
  /** Email subscriptions of the SNS topic; the minimum becomes their filter policy. */
  email: z
    .strictObject({
      addresses: z
        .array(
          z.string().regex(EMAIL, { error: notA('an email address', 'an address like secops@example.com') }),
        )
        .optional(),
      minSeverity: minSeverity('email'),
    })
    .optional(),
});
export type AlertsSettings = z.infer<typeof AlertsSchema>;

import { z } from 'zod';
import { EnvironmentError, type EnvironmentProblem } from './errors.js';

/**
 * Every environment variable the functions read, validated once at cold start (module scope of
 * each handler). A bad configuration fails the first invocation with an {@link EnvironmentError}
 * naming each variable at fault, instead of surfacing later as an SDK error on some event.
 * Powertools' own variables (`POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_LOG_LEVEL` …) and the
 * runtime's (`AWS_REGION` …) are read by those libraries themselves.
 */

/** Raw environment, as `process.env`. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

// Lambda and CloudFormation happily carry empty strings; an empty value means "not set".
const set = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

const required = (pattern: RegExp, expected: string) =>
  set(
    z
      .string({ error: (issue) => (issue.input === undefined ? 'is not set' : `must be ${expected}`) })
      .regex(pattern, {
        error: (issue) => `must be ${expected}, got '${String(issue.input).slice(0, 120)}'`,
      }),
  );

const wholeNumber = (fallback: number, min: number, max: number) =>
  set(
    z
      .string()
      .regex(/^\d+$/, {
        error: (issue) => `must be a whole number, got '${String(issue.input).slice(0, 40)}'`,
      })
      .optional()
      .transform((value) => (value === undefined ? fallback : Number(value)))
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  );

const flag = (fallback: boolean) =>
  set(
    z
      .enum(['true', 'false'], {
        error: (issue) => `must be 'true' or 'false', got '${String(issue.input)}'`,
      })
      .optional()
      .transform((value) => (value === undefined ? fallback : value === 'true')),
  );

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** slack-notifier: where the incoming-webhook URL is kept. */
export const SlackNotifierEnvSchema = z.object({
  /** ARN of the Secrets Manager secret holding the webhook URL (plain, or JSON `{"webhookUrl": "…"}`). */
  SLACK_WEBHOOK_SECRET_ARN: required(
    SECRET_ARN,
    'a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)',
  ),
});
export type SlackNotifierEnv = z.infer<typeof SlackNotifierEnvSchema>;

/** alerts-retry: the findings table, the alerts topic and how much one run takes on. */
export const AlertsRetryEnvSchema = z.object({
  FINDINGS_TABLE_NAME: required(TABLE_NAME, 'a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)'),
  ALERTS_TOPIC_ARN: required(TOPIC_ARN, 'a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)'),
  /** Most unalerted findings one run sends (the store reads at most 1000 per call). Default 100. */
  ALERTS_RETRY_LIMIT: wholeNumber(100, 1, 1000),
  /**
   * Put the AWS Chatbot notification in the SNS `https` entry. Must match the detector's setting,
   * so a retried alert looks the same as one sent at once. Default false.
   */
  ALERTS_CHATBOT: flag(false),
});
export type AlertsRetryEnv = z.infer<typeof AlertsRetryEnvSchema>;

/**
 * Validates `source` against a function's schema and returns the typed configuration.
 *
 * @example
 * const env = readEnvironment('alerts-retry', AlertsRetryEnvSchema, process.env);
 * env.ALERTS_RETRY_LIMIT; // 100 when unset
 * @throws {EnvironmentError} naming every variable that is missing or invalid
 */
export function readEnvironment<Schema extends z.ZodObject>(
  functionName: string,
  schema: Schema,
  source: EnvironmentSource,
): z.infer<Schema> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems: EnvironmentProblem[] = parsed.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    problem: issue.message,
  }));
  throw new EnvironmentError(functionName, problems);
}

/**
 * The slack-notifier's configuration.
 *
 * @example
 * const { SLACK_WEBHOOK_SECRET_ARN } = slackNotifierEnv();
 */
export function slackNotifierEnv(source: EnvironmentSource = process.env): SlackNotifierEnv {
  return readEnvironment('slack-notifier', SlackNotifierEnvSchema, source);
}

/**
 * The alerts-retry function's configuration.
 *
 * @example
 * const env = alertsRetryEnv();
 * new DynamoDbFindingStore(client, env.FINDINGS_TABLE_NAME);
 */
export function alertsRetryEnv(source: EnvironmentSource = process.env): AlertsRetryEnv {
  return readEnvironment('alerts-retry', AlertsRetryEnvSchema, source);
}

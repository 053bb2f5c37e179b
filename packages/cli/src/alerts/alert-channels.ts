import { SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import {
  AlertConfigError,
  ConsoleAlertPublisher,
  SlackAlertPublisher,
  SlackWebhookClient,
  SnsAlertPublisher,
} from '@trailwarden/adapters';
import { maxSeverity, type Severity } from '@trailwarden/core';
import { type AlertPublisher, type AlertRoute, routesFromSettings } from '@trailwarden/core/pipeline';
import type { Settings } from '@trailwarden/core/settings';
import { AlertSetupError } from '../errors.js';
import type { CliIo } from '../io.js';

/** The alert flags as commander parsed them. */
export interface AlertFlags {
  readonly snsTopic?: string;
  readonly slackWebhook?: string;
  /** `--no-console-alerts` sets it to false. */
  readonly consoleAlerts: boolean;
}

/** The channels of one command, with their routes for the pipeline. */
export interface AlertChannels {
  readonly routes: readonly AlertRoute[];
  /** Channel names in route order (`console`, `sns`, `slack`). */
  readonly names: readonly string[];
  /** Releases the SNS client. */
  close(): void;
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/*
 * The CLI retries Slack a little less than the notifier function does: a failed alert stays in
 * the outbox and `trailwarden alerts retry` sends it later, so there is no reason to hold a
 * scan for long.
 */
const CLI_SLACK_RETRY = { maxAttempts: 3, baseDelayMs: 250 } as const;

/**
 * The alert channels for a command, from flags, settings and environment:
 * - console: on unless `--no-console-alerts`; writes to stderr (stdout carries the finding
 *   stream); minimum severity from `alerts.console`, raised to `consoleMinSeverity` when given;
 * - SNS: `--sns-topic`, else `alerts.sns.topicArn`; region from the ARN; endpoint from
 *   `AWS_ENDPOINT_URL_SNS` (or `AWS_ENDPOINT_URL`) as the SDK itself would;
 * - Slack: `--slack-webhook`, else the variable named by `alerts.slack.webhookUrlEnv`
 *   (`webhookSecretArn` is for the deployed stack).
 * Minimum severities of SNS and Slack come from `alerts` or the channel defaults.
 *
 * @example
 * const channels = openAlertChannels({ consoleAlerts: true }, settings, io);
 * createPipeline({ settings, store, state, alerts: channels.routes });
 */
export function openAlertChannels(
  flags: AlertFlags,
  settings: Settings,
  io: CliIo,
  options: {
    readonly consoleMinSeverity?: Severity;
    /** Where console alerts go instead of `io.stderr` (the scan's progress-aware stream). */
    readonly consoleStream?: NodeJS.WritableStream;
  } = {},
): AlertChannels {
  const publishers: { console?: AlertPublisher; sns?: AlertPublisher; slack?: AlertPublisher } = {};
  let snsClient: SNSClient | undefined;
  if (flags.consoleAlerts) {
    publishers.console = new ConsoleAlertPublisher({
      stream: options.consoleStream ?? io.stderr,
      color: io.isTTY.stderr && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb',
      width: Math.max(60, (io.columns || Number(io.env.COLUMNS) || 160) - 10),
    });
  }
  const topicArn = flags.snsTopic ?? settings.alerts.sns?.topicArn;
  if (topicArn !== undefined) {
    snsClient = new SNSClient(snsClientConfig(topicArn, flags.snsTopic !== undefined, io.env));
    publishers.sns = new SnsAlertPublisher({ client: snsClient, topicArn });
  }
  const webhookUrl = flags.slackWebhook ?? slackUrlFromEnv(settings, io.env);
  if (webhookUrl !== undefined) {
    publishers.slack = new SlackAlertPublisher({ client: slackClient(webhookUrl) });
  }
  const consoleMin = options.consoleMinSeverity;
  const routes = routesFromSettings(settings.alerts, publishers).map((route) =>
    route.channel === 'console' && consoleMin !== undefined
      ? { ...route, minSeverity: maxSeverity(route.minSeverity, consoleMin) }
      : route,
  );
  return { routes, names: routes.map((route) => route.channel), close: () => snsClient?.destroy() };
}

function snsClientConfig(topicArn: string, fromFlag: boolean, env: CliIo['env']): SNSClientConfig {
  const match = TOPIC_ARN.exec(topicArn);
  if (!match) {
    throw new AlertSetupError(
      `${fromFlag ? '--sns-topic' : 'alerts.sns.topicArn'} ${JSON.stringify(topicArn)} is not an SNS topic ARN`,
      'expected arn:aws:sns:<region>:<account>:<topic>',
    );
  }
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_SNS) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const local = endpoint !== undefined && isLocal(endpoint);
  const hasCredentials =
    nonEmpty(env.AWS_ACCESS_KEY_ID) !== undefined || nonEmpty(env.AWS_PROFILE) !== undefined;
  return {
    // The topic lives in the region its ARN names, whatever AWS_REGION says.
    region: match[1],
    ...(endpoint !== undefined && { endpoint }),
    ...(local && !hasCredentials && { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
}

function slackUrlFromEnv(settings: Settings, env: CliIo['env']): string | undefined {
  const name = settings.alerts.slack?.webhookUrlEnv;
  if (name === undefined) return undefined;
  const url = nonEmpty(env[name]);
  if (url === undefined) {
    throw new AlertSetupError(
      `alerts.slack.webhookUrlEnv names ${name}, which is not set`,
      `export ${name}=https://hooks.slack.com/services/…, or pass --slack-webhook`,
    );
  }
  return url;
}

function slackClient(webhookUrl: string): SlackWebhookClient {
  try {
    return new SlackWebhookClient({ webhookUrl, ...CLI_SLACK_RETRY });
  } catch (cause) {
    // The URL is the credential: the message never repeats it.
    if (cause instanceof AlertConfigError) throw new AlertSetupError(cause.message, undefined, { cause });
    throw cause;
  }
}

function isLocal(endpoint: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

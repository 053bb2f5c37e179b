import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import { SlackAlertPublisher } from '@trailwarden/adapters';
import type { SNSEvent } from 'aws-lambda';
import { slackNotifierEnv } from './env.js';
import { NotificationBatchError } from './errors.js';
import { type SlackWebhookContext, slackWebhook } from './middleware/slack-webhook.js';
import { notifySlack } from './notify-slack.js';

/**
 * slack-notifier: subscribed to the alerts topic, posts each finding to Slack as Block Kit.
 *
 * SNS invokes Lambda asynchronously. When a record cannot be delivered (malformed message,
 * Slack refusing or unreachable) the handler still posts the others, then throws a
 * {@link NotificationBatchError}: Lambda retries the invocation twice and then sends the event
 * to the function's dead-letter queue. SNS puts one record in each invocation, so a retry does
 * not post other findings twice.
 */
const env = slackNotifierEnv();
const logger = new Logger({ serviceName: 'trailwarden-slack-notifier' });
const secrets = new SecretsManagerClient({});

export const handler = middy<SNSEvent, void, Error, SlackWebhookContext>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(slackWebhook({ client: secrets, secretId: env.SLACK_WEBHOOK_SECRET_ARN }))
  .handler(async (event, context) => {
    const publisher = new SlackAlertPublisher({ client: context.slackWebhook });
    const report = await notifySlack(event.Records, publisher, logger);
    if (report.failures.length > 0) throw new NotificationBatchError(report.failures, report.total);
  });

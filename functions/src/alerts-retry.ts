import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import { DynamoDbFindingStore, SnsAlertPublisher } from '@trailwarden/adapters';
import { retryUnalerted } from '@trailwarden/core/pipeline';
import { alertsRetryEnv } from './env.js';
import { pipelineLogger } from './pipeline-logger.js';

/** What one run did, returned as the invocation's result (visible in a test invoke). */
export interface AlertsRetrySummary {
  readonly attempted: number;
  readonly delivered: number;
  readonly notRouted: number;
  readonly stillFailing: number;
}

/**
 * alerts-retry: the alert outbox, run on a schedule. Findings that were recorded but whose SNS
 * publish never succeeded are published again, oldest first, and marked alerted. A finding that
 * still fails stays in the outbox for the next run; the run itself succeeds (a throw would only
 * make Lambda re-run the same schedule event). A store that cannot be read fails the run.
 */
const env = alertsRetryEnv();
const logger = new Logger({ serviceName: 'trailwarden-alerts-retry' });
const store = new DynamoDbFindingStore(new DynamoDBClient({}), env.FINDINGS_TABLE_NAME);
const publisher = new SnsAlertPublisher({
  client: new SNSClient({}),
  topicArn: env.ALERTS_TOPIC_ARN,
  chatbot: env.ALERTS_CHATBOT,
});
const outboxLogger = pipelineLogger(logger);

export const handler = middy<unknown, AlertsRetrySummary>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const report = await retryUnalerted(store, publisher, {
      limit: env.ALERTS_RETRY_LIMIT,
      logger: outboxLogger,
    });
    const summary = {
      attempted: report.attempted,
      delivered: report.delivered.length,
      notRouted: report.notRouted.length,
      stillFailing: report.failed.length,
    };
    if (summary.stillFailing > 0) logger.warn('alerts still failing; the next run retries them', summary);
    return summary;
  });

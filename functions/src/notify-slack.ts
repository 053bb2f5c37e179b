import type { Logger } from '@aws-lambda-powertools/logger';
import { parseAlertBody } from '@trailwarden/adapters';
import type { AlertPublisher, StoredFinding } from '@trailwarden/core';
import type { SNSEventRecord } from 'aws-lambda';
import type { RecordFailure } from './errors.js';

/** What one invocation did with its SNS records. */
export interface SlackNotifyReport {
  readonly total: number;
  /** Finding ids Slack accepted. */
  readonly posted: readonly string[];
  readonly failures: readonly RecordFailure[];
}

/**
 * Posts the finding in each SNS record to Slack. A record whose message is not a trailwarden
 * alert body, or whose post Slack refuses, is logged with the reason and reported as a failure;
 * the other records are still posted. Never throws for one record.
 *
 * @example
 * const report = await notifySlack(event.Records, new SlackAlertPublisher({ client }), logger);
 * if (report.failures.length > 0) throw new NotificationBatchError(report.failures, report.total);
 */
export async function notifySlack(
  records: readonly SNSEventRecord[],
  publisher: AlertPublisher,
  logger: Logger,
): Promise<SlackNotifyReport> {
  const failures: RecordFailure[] = [];
  const readable: { messageId: string; finding: StoredFinding }[] = [];
  for (const record of records) {
    const messageId = record.Sns.MessageId;
    const body = parseAlertBody(record.Sns.Message);
    if (body.ok) {
      readable.push({ messageId, finding: body.value.finding });
      continue;
    }
    const reason = body.error.message;
    logger.error('SNS message is not a trailwarden alert; it goes to the dead-letter queue', {
      messageId,
      topicArn: record.Sns.TopicArn,
      reason,
      ...(body.error.details.path !== undefined && { path: body.error.details.path }),
    });
    failures.push({ messageId, reason });
  }

  const results = await publisher.publish(readable.map((item) => item.finding));
  const posted: string[] = [];
  results.forEach((result, index) => {
    const messageId = readable[index]?.messageId ?? 'unknown';
    if (result.ok) {
      posted.push(result.id);
      const finding = readable[index]?.finding;
      logger.info('alert posted to Slack', {
        messageId,
        findingId: result.id,
        ruleId: finding?.ruleId,
        severity: finding?.severity,
      });
      return;
    }
    logger.error('Slack did not take the alert', {
      messageId,
      findingId: result.id,
      reason: result.error.message,
    });
    failures.push({ messageId, findingId: result.id, reason: result.error.message });
  });
  return { total: records.length, posted, failures };
}

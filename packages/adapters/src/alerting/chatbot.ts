import { type StoredFinding, stableHash } from '@trailwarden/core';
import { actorDetails, findingActorLabel } from './actor-label.js';
import { findingConsoleUrl } from './console-links.js';
import { runbookSteps } from './runbook.js';
import { SEVERITY_STYLE } from './severity-style.js';
import { alertSubject } from './subject.js';
import { oneLine, readableTime, truncateText } from './text.js';

/**
 * AWS Chatbot (Amazon Q Developer in chat applications) custom notification, the only format
 * Chatbot renders from an SNS topic besides AWS service events.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 */
export interface ChatbotNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: readonly string[];
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

// Chat messages are read on phones: keep every part short even where Chatbot would take more.
const TITLE_MAX = 250;
const DESCRIPTION_MAX = 3000;
const MAX_STEPS = 4;
const MAX_KEYWORDS = 10;
const MAX_RESOURCES = 10;

/**
 * A finding as an AWS Chatbot custom notification: severity and title, the summary with who
 * and where, the runbook's first steps plus the console link, keywords for searching the
 * channel, and a `threadId` from the dedupe key so repeats of one problem share a thread.
 *
 * @example
 * JSON.stringify(chatbotNotification(finding)); // publish as the `https` entry of the SNS message
 */
export function chatbotNotification(
  finding: StoredFinding,
  options: { readonly consoleUrl?: string | undefined } = {},
): ChatbotNotification {
  const style = SEVERITY_STYLE[finding.severity];
  const consoleUrl = options.consoleUrl ?? findingConsoleUrl(finding);
  const who = `${findingActorLabel(finding.actor)} (${actorDetails(finding.actor)})`;
  const description = [
    finding.summary,
    '',
    `*Who:* ${who}`,
    `*What:* ${finding.eventSource} ${finding.eventName}`,
    `*Where:* account ${finding.account}, ${finding.region}`,
    `*When:* ${readableTime(finding.time)}`,
    ...(finding.count > 1 ? [`*Seen:* ${finding.count} times`] : []),
  ].join('\n');
  const steps = runbookSteps(finding.runbook, { max: MAX_STEPS, maxLength: 300 });
  const nextSteps = consoleUrl ? [...steps, `Open the evidence in the AWS console: ${consoleUrl}`] : steps;

  return {
    version: '1.0',
    source: 'custom',
    id: finding.id,
    content: {
      textType: 'client-markdown',
      title: truncateText(oneLine(`${style.emoji} [${style.label}] ${finding.title}`), TITLE_MAX),
      description: truncateText(description, DESCRIPTION_MAX),
      nextSteps,
      keywords: [finding.severity, finding.category, finding.ruleId, finding.account, finding.region]
        .filter((keyword) => keyword !== '')
        .slice(0, MAX_KEYWORDS),
    },
    metadata: {
      threadId: stableHash([finding.dedupeKey], 32),
      summary: alertSubject(finding),
      eventType: finding.ruleId,
      relatedResources: finding.resources.slice(0, MAX_RESOURCES),
      additionalContext: {
        findingId: finding.id,
        eventId: finding.eventId,
        severity: finding.severity,
        account: finding.account,
        region: finding.region,
        ...(finding.actor.arn !== undefined && { actorArn: finding.actor.arn }),
        ...(consoleUrl !== undefined && { consoleUrl }),
      },
    },
  };
}

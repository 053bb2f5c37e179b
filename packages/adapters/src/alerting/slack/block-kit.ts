import type { StoredFinding } from '@trailwarden/core';
import { actorDetails, findingActorLabel } from '../actor-label.js';
import { findingConsoleUrl } from '../console-links.js';
import { evidenceLines } from '../evidence.js';
import { SEVERITY_STYLE } from '../severity-style.js';
import { charLength, oneLine, readableTime, truncateText } from '../text.js';
import { escapeMrkdwn, markdownToMrkdwn, truncateMrkdwn } from './mrkdwn.js';

/** Slack's documented Block Kit limits the builder stays within. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  url: 3000,
  /** Slack truncates `text` beyond 40,000 characters; a notification preview needs far less. */
  fallbackText: 3000,
} as const;

interface TextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}

export type SlackBlock =
  | { readonly type: 'header'; readonly text: TextObject }
  | { readonly type: 'section'; readonly text?: TextObject; readonly fields?: readonly TextObject[] }
  | { readonly type: 'context'; readonly elements: readonly TextObject[] }
  | { readonly type: 'divider' }
  | {
      readonly type: 'actions';
      readonly elements: readonly {
        readonly type: 'button';
        readonly text: TextObject;
        readonly url: string;
        readonly action_id: string;
      }[];
    };

/** An incoming-webhook payload: fallback text, the main blocks, and a coloured attachment with the details. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly attachments: readonly { readonly color: string; readonly blocks: readonly SlackBlock[] }[];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText): TextObject => ({
  type: 'mrkdwn',
  text: truncateMrkdwn(text, max),
});

/**
 * A finding as a Slack Block Kit message: a header with the severity emoji and title, the
 * summary, then in an attachment coloured by severity the actor and provenance, action,
 * account and region, time, resources, the evidence, the runbook (trimmed) and a button to the
 * event in the console, and the finding id. Every text is escaped and cut to Slack's limits.
 *
 * @example
 * await webhook.post(slackMessage(finding));
 */
export function slackMessage(finding: StoredFinding): SlackMessage {
  const style = SEVERITY_STYLE[finding.severity];
  const consoleUrl = findingConsoleUrl(finding);
  const e = (text: string) => escapeMrkdwn(oneLine(text));

  const main: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateText(oneLine(`${style.slackEmoji} ${finding.title}`), SLACK_LIMITS.headerText),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: mrkdwn(
        `*${style.label}* · ${e(finding.category)} · \`${e(finding.ruleId)}\`\n${escapeMrkdwn(finding.summary)}`,
      ),
    },
  ];

  const fields = [
    `*Actor*\n${e(findingActorLabel(finding.actor))}\n_${e(actorDetails(finding.actor))}_`,
    `*Account / region*\n${e(finding.account)} / ${e(finding.region)}`,
    `*Action*\n\`${e(finding.eventSource)}\` ${e(finding.eventName)}`,
    `*Time*\n${slackDate(finding.time)}`,
    ...(finding.resources.length > 0 ? [`*Resources*\n${resourcesText(finding.resources)}`] : []),
    `*Status*\n${e(finding.status)}${finding.count > 1 ? ` (seen ${finding.count} times)` : ''}`,
  ].slice(0, SLACK_LIMITS.fields);
  const details: SlackBlock[] = [
    { type: 'section', fields: fields.map((field) => mrkdwn(field, SLACK_LIMITS.fieldText)) },
  ];

  const evidence = evidenceLines(finding.context, { maxLines: 15, maxLineLength: 180 });
  if (evidence.length > 0) {
    details.push({
      type: 'section',
      text: mrkdwn(`*Evidence*\n\`\`\`${escapeMrkdwn(evidence.join('\n'))}\`\`\``),
    });
  }
  if (finding.runbook.trim() !== '') {
    details.push({ type: 'section', text: mrkdwn(`*Runbook*\n${markdownToMrkdwn(finding.runbook.trim())}`) });
  }
  if (consoleUrl && charLength(consoleUrl) <= SLACK_LIMITS.url) {
    const where = finding.eventSource === 'config.amazonaws.com' ? 'AWS Config' : 'CloudTrail';
    details.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: `Open in ${where}` },
          url: consoleUrl,
          action_id: 'open-console',
        },
      ],
    });
  }
  details.push({
    type: 'context',
    elements: [mrkdwn(`Finding \`${e(finding.id)}\` · event \`${e(finding.eventId)}\` · trailwarden`)],
  });

  const fallback = `[${style.label}] ${oneLine(finding.title)}: ${oneLine(finding.summary)}`;
  return {
    text: truncateText(escapeMrkdwn(fallback), SLACK_LIMITS.fallbackText),
    blocks: main,
    attachments: [{ color: style.color, blocks: details }],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Slack renders `<!date^…>` in the reader's time zone; the fallback is UTC. */
function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  const readable = escapeMrkdwn(readableTime(iso));
  return Number.isNaN(ms)
    ? readable
    : `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time_secs}|${readable}>`;
}

function resourcesText(resources: readonly string[]): string {
  const shown = resources.slice(0, 3).map((resource) => `\`${escapeMrkdwn(oneLine(resource))}\``);
  const more = resources.length > shown.length ? `\nand ${resources.length - shown.length} more` : '';
  return `${shown.join('\n')}${more}`;
}

/**
 * Lists the ways a message breaks Slack's Block Kit limits (empty when it is within them).
 * The builder should never produce a violation; tests and the notifier's logs use this to prove it.
 *
 * @example
 * slackLimitViolations(slackMessage(finding)); // []
 */
export function slackLimitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const all = [...message.blocks, ...message.attachments.flatMap((attachment) => attachment.blocks)];
  if (all.length > SLACK_LIMITS.blocks) problems.push(`${all.length} blocks > ${SLACK_LIMITS.blocks}`);
  if (message.text.trim() === '') problems.push('fallback text is empty');
  const over = (what: string, text: string, max: number) => {
    if (charLength(text) > max) problems.push(`${what}: ${charLength(text)} characters > ${max}`);
  };
  over('fallback text', message.text, SLACK_LIMITS.fallbackText);
  all.forEach((block, index) => {
    const at = `block ${index} (${block.type})`;
    switch (block.type) {
      case 'header':
        over(at, block.text.text, SLACK_LIMITS.headerText);
        break;
      case 'section':
        if (block.text) over(at, block.text.text, SLACK_LIMITS.sectionText);
        if ((block.fields?.length ?? 0) > SLACK_LIMITS.fields)
          problems.push(`${at}: more than ${SLACK_LIMITS.fields} fields`);
        for (const field of block.fields ?? []) over(`${at} field`, field.text, SLACK_LIMITS.fieldText);
        if (!block.text && !block.fields?.length) problems.push(`${at}: neither text nor fields`);
        break;
      case 'context':
        if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`${at}: too many elements`);
        break;
      case 'actions':
        for (const button of block.elements) {
          over(`${at} button`, button.text.text, SLACK_LIMITS.buttonText);
          over(`${at} url`, button.url, SLACK_LIMITS.url);
        }
        break;
    }
  });
  return problems;
}

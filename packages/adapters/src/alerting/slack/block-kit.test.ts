import { describe, expect, it } from 'vitest';
import { type FindingFixture, loadFinding } from '../test-findings.js';
import { SLACK_LIMITS, type SlackBlock, slackLimitViolations, slackMessage } from './block-kit.js';

const texts = (blocks: readonly SlackBlock[]): string[] =>
  blocks.flatMap((block) => {
    switch (block.type) {
      case 'header':
        return [block.text.text];
      case 'section':
        return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((field) => field.text)];
      case 'context':
        return block.elements.map((element) => element.text);
      case 'actions':
        return block.elements.map((element) => `${element.text.text} ${element.url}`);
      default:
        return [];
    }
  });

describe('slackMessage', () => {
  it('shows severity, title, actor and provenance, resource, where, time, evidence, runbook, link and id', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const message = slackMessage(finding);

    // Assess
    expect(message.text).toBe(`[CRITICAL] ${finding.title}: ${finding.summary}`);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: ':red_circle: Root user signed in to the console without MFA',
        emoji: true,
      },
    });
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]?.color).toBe('#C4001A');
    const all = texts([...message.blocks, ...(message.attachments[0]?.blocks ?? [])]).join('\n');
    expect(all).toContain('*Actor*\nroot\n_human-console, no MFA, from 192.0.2.10_');
    expect(all).toContain('*Account / region*\n111122223333 / us-east-1');
    expect(all).toContain('*Resources*\n`arn:aws:iam::111122223333:root`');
    expect(all).toContain('<!date^1793614500^{date_short_pretty} {time_secs}|2026-11-02 10:15:00 UTC>');
    expect(all).toContain('*Evidence*\n```mfaUsed: false');
    expect(all).toContain('*Runbook*\n*Root user console sign-in*');
    expect(all).toContain(
      'Open in CloudTrail https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    );
    expect(all).toContain(`Finding \`${finding.id}\``);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it.each<{ fixture: FindingFixture; color: string; button: string }>([
    { fixture: 'iam-user-created-low', color: '#2E77D0', button: 'Open in CloudTrail' },
    { fixture: 'config-restricted-ssh-high', color: '#E36209', button: 'Open in AWS Config' },
  ])('colours $fixture by severity and links the right console', ({ fixture, color, button }) => {
    // Act
    const message = slackMessage(loadFinding(fixture));

    // Assess
    expect(message.attachments[0]?.color).toBe(color);
    const actions = message.attachments[0]?.blocks.find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements[0]?.text.text).toBe(button);
  });

  it('stays within every Block Kit limit for a huge finding', () => {
    // Prepare: evidence, runbook, title, summary and resources far beyond Slack's limits
    const finding = loadFinding('s3-bucket-policy-public-critical', {
      title: `Bucket policy ${'very-'.repeat(100)}wide`,
      summary: 'S'.repeat(50_000),
      runbook: `## Fix\n\`\`\`\n${'aws s3api delete-bucket-policy --bucket b\n'.repeat(500)}\`\`\``,
      resources: Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::bucket-${i}`),
      context: Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [
          `statement${i}`,
          { Sid: `S${i}`, Principal: '*', Action: 's3:*' },
        ]),
      ),
    });

    // Act
    const message = slackMessage(finding);

    // Assess
    expect(slackLimitViolations(message)).toEqual([]);
    const blocks = [...message.blocks, ...(message.attachments[0]?.blocks ?? [])];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const header = message.blocks[0];
    expect(header?.type === 'header' && Array.from(header.text.text).length).toBeLessThanOrEqual(
      SLACK_LIMITS.headerText,
    );
    const all = texts(blocks).join('\n');
    expect(all).toContain('and 497 more');
    expect(all).toContain('… 186 more');
    // The cut runbook does not leave a code fence open
    const runbook = texts(blocks).find((text) => text.startsWith('*Runbook*')) ?? '';
    expect((runbook.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('escapes record data so it cannot mention a channel or forge a link', () => {
    // Prepare
    const finding = loadFinding('iam-user-created-low', {
      summary: 'user <!channel> created <https://evil.example|a harmless link>',
      context: { userName: '<!here>' },
    });

    // Act
    const message = slackMessage(finding);

    // Assess
    const all = [message.text, ...texts([...message.blocks, ...(message.attachments[0]?.blocks ?? [])])].join(
      '\n',
    );
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<https://evil.example');
    expect(all).toContain('&lt;!channel&gt;');
  });
});

describe('slackLimitViolations', () => {
  it('reports what breaks a limit', () => {
    // Prepare
    const message = slackMessage(loadFinding('iam-user-created-low'));
    const broken = {
      ...message,
      text: '',
      blocks: [
        { type: 'header' as const, text: { type: 'plain_text' as const, text: 'h'.repeat(151) } },
        ...Array.from({ length: 50 }, () => ({ type: 'divider' as const })),
      ],
    };

    // Act
    const problems = slackLimitViolations(broken);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/blocks > 50/),
        'fallback text is empty',
        'block 0 (header): 151 characters > 150',
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { chatbotNotification } from './chatbot.js';
import { loadFinding } from './test-findings.js';

describe('chatbotNotification', () => {
  it('follows the AWS Chatbot custom notification schema', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const notification = chatbotNotification(finding);

    // Assess
    expect(notification).toMatchObject({
      version: '1.0',
      source: 'custom',
      id: finding.id,
      content: {
        textType: 'client-markdown',
        title: '🔴 [CRITICAL] Root user signed in to the console without MFA',
        keywords: ['critical', 'root_activity', 'root-console-login', '111122223333', 'us-east-1'],
      },
      metadata: {
        summary: '[CRITICAL] Root user signed in to the console without MFA - 111122223333',
        eventType: 'root-console-login',
        relatedResources: ['arn:aws:iam::111122223333:root'],
        additionalContext: {
          findingId: finding.id,
          account: '111122223333',
          actorArn: 'arn:aws:iam::111122223333:root',
        },
      },
    });
    expect(notification.content.description).toContain(finding.summary);
    expect(notification.content.description).toContain(
      '*Who:* root (human-console, no MFA, from 192.0.2.10)',
    );
    for (const value of Object.values(notification.metadata.additionalContext))
      expect(typeof value).toBe('string');
  });

  it('turns the runbook into next steps and ends with the console link', () => {
    // Act
    const { content } = chatbotNotification(loadFinding('root-console-login-critical'));

    // Assess
    expect(content.nextSteps).toHaveLength(5);
    expect(content.nextSteps[0]).toMatch(/^Ask the account owner/);
    expect(content.nextSteps.at(-1)).toBe(
      'Open the evidence in the AWS console: https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    );
  });

  it('threads repeats of one problem together and keeps different problems apart', () => {
    // Prepare
    const first = loadFinding('iam-user-created-low');
    const repeat = loadFinding('iam-user-created-low', { id: 'another-event-same-problem', eventId: 'e2' });
    const other = loadFinding('iam-user-created-low', { dedupeKey: 'iam-user-created|111122223333|other' });

    // Act
    const threads = [first, repeat, other].map((f) => chatbotNotification(f).metadata.threadId);

    // Assess
    expect(threads[0]).toBe(threads[1]);
    expect(threads[0]).not.toBe(threads[2]);
  });

  it('keeps a huge title and summary short', () => {
    // Act
    const { content } = chatbotNotification(
      loadFinding('s3-bucket-policy-public-critical', {
        title: 'T'.repeat(1000),
        summary: 'S'.repeat(10_000),
      }),
    );

    // Assess
    expect(Array.from(content.title).length).toBeLessThanOrEqual(250);
    expect(Array.from(content.description).length).toBeLessThanOrEqual(3000);
  });
});

import { describe, expect, it } from 'vitest';
import { alertsRetryEnv, slackNotifierEnv } from './env.js';
import { EnvironmentError } from './errors.js';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:trailwarden/slack-webhook-a1B2c3';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:trailwarden-alerts';

function problemsOf(read: () => unknown): readonly { variable: string; problem: string }[] {
  try {
    read();
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
  throw new Error('expected an EnvironmentError');
}

describe('slackNotifierEnv', () => {
  it('reads the secret ARN', () => {
    expect(slackNotifierEnv({ SLACK_WEBHOOK_SECRET_ARN: SECRET_ARN })).toEqual({
      SLACK_WEBHOOK_SECRET_ARN: SECRET_ARN,
    });
  });

  it.each([
    ['unset', {}, /^is not set$/],
    ['empty', { SLACK_WEBHOOK_SECRET_ARN: '' }, /^is not set$/],
    [
      'a bare name',
      { SLACK_WEBHOOK_SECRET_ARN: 'slack-webhook' },
      /must be a Secrets Manager secret ARN.*'slack-webhook'/,
    ],
    [
      'an SSM parameter ARN',
      { SLACK_WEBHOOK_SECRET_ARN: 'arn:aws:ssm:us-east-1:111122223333:parameter/slack' },
      /must be a Secrets Manager secret ARN/,
    ],
  ])('refuses SLACK_WEBHOOK_SECRET_ARN %s, naming it', (_case, source, problem) => {
    // Act
    const problems = problemsOf(() => slackNotifierEnv(source));
    // Assess
    expect(problems).toEqual([
      { variable: 'SLACK_WEBHOOK_SECRET_ARN', problem: expect.stringMatching(problem) },
    ]);
  });

  it('puts the function and the variable in the message', () => {
    expect(() => slackNotifierEnv({})).toThrow(
      'slack-notifier: invalid environment: SLACK_WEBHOOK_SECRET_ARN is not set',
    );
  });
});

describe('alertsRetryEnv', () => {
  const valid = { FINDINGS_TABLE_NAME: 'trailwarden-findings', ALERTS_TOPIC_ARN: TOPIC_ARN };

  it.each([
    ['defaults', {}, { ALERTS_RETRY_LIMIT: 100, ALERTS_CHATBOT: false }],
    [
      'explicit values',
      { ALERTS_RETRY_LIMIT: '25', ALERTS_CHATBOT: 'true' },
      { ALERTS_RETRY_LIMIT: 25, ALERTS_CHATBOT: true },
    ],
    [
      'empty optionals',
      { ALERTS_RETRY_LIMIT: '', ALERTS_CHATBOT: '' },
      { ALERTS_RETRY_LIMIT: 100, ALERTS_CHATBOT: false },
    ],
  ])('reads %s', (_case, extra, expected) => {
    expect(alertsRetryEnv({ ...valid, ...extra })).toEqual({ ...valid, ...expected });
  });

  it.each([
    ['FINDINGS_TABLE_NAME', { FINDINGS_TABLE_NAME: undefined }, /^is not set$/],
    ['FINDINGS_TABLE_NAME', { FINDINGS_TABLE_NAME: 'a b' }, /must be a DynamoDB table name/],
    ['ALERTS_TOPIC_ARN', { ALERTS_TOPIC_ARN: 'trailwarden-alerts' }, /must be a standard SNS topic ARN/],
    ['ALERTS_TOPIC_ARN', { ALERTS_TOPIC_ARN: `${TOPIC_ARN}.fifo` }, /must be a standard SNS topic ARN/],
    ['ALERTS_RETRY_LIMIT', { ALERTS_RETRY_LIMIT: 'ten' }, /must be a whole number, got 'ten'/],
    ['ALERTS_RETRY_LIMIT', { ALERTS_RETRY_LIMIT: '0' }, /must be at least 1/],
    ['ALERTS_RETRY_LIMIT', { ALERTS_RETRY_LIMIT: '5000' }, /must be at most 1000/],
    ['ALERTS_CHATBOT', { ALERTS_CHATBOT: 'yes' }, /must be 'true' or 'false', got 'yes'/],
  ])('refuses a bad %s (%j)', (variable, override, problem) => {
    // Act
    const problems = problemsOf(() => alertsRetryEnv({ ...valid, ...override }));
    // Assess
    expect(problems).toEqual([{ variable, problem: expect.stringMatching(problem) }]);
  });

  it('names every variable at fault at once', () => {
    // Act
    const problems = problemsOf(() => alertsRetryEnv({ ALERTS_RETRY_LIMIT: '-1' }));
    // Assess
    expect(problems.map((p) => p.variable)).toEqual([
      'FINDINGS_TABLE_NAME',
      'ALERTS_TOPIC_ARN',
      'ALERTS_RETRY_LIMIT',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeLambdaContext, UnsupportedContextCallError } from './lambda-context.js';

describe('fakeLambdaContext', () => {
  it('describes the invocation as Lambda does', () => {
    // Act
    const context = fakeLambdaContext({
      functionName: 'trailwarden-slack-notifier',
      region: 'eu-west-1',
      account: '444455556666',
      memoryLimitInMB: 512,
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      now: () => Date.parse('2026-11-03T08:42:21Z'),
    });

    // Assess
    expect(context).toMatchObject({
      functionName: 'trailwarden-slack-notifier',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:444455556666:function:trailwarden-slack-notifier',
      memoryLimitInMB: '512',
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      logGroupName: '/aws/lambda/trailwarden-slack-notifier',
      logStreamName: expect.stringMatching(/^2026\/11\/03\/\[\$LATEST\][0-9a-f]{32}$/),
      callbackWaitsForEmptyEventLoop: true,
    });
  });

  it('gives each context its own request id unless one is fixed', () => {
    expect(fakeLambdaContext().awsRequestId).not.toBe(fakeLambdaContext().awsRequestId);
  });

  it('counts the remaining time down from the timeout, never below zero', () => {
    // Prepare
    let now = 1_000_000;
    const context = fakeLambdaContext({ timeoutMs: 3_000, now: () => now });

    // Act
    const atStart = context.getRemainingTimeInMillis();
    now += 1_200;
    const later = context.getRemainingTimeInMillis();
    now += 5_000;
    const past = context.getRemainingTimeInMillis();

    // Assess
    expect([atStart, later, past]).toEqual([3_000, 1_800, 0]);
  });

  it.each(['done', 'fail', 'succeed'] as const)('refuses the callback-era context.%s()', (method) => {
    const context = fakeLambdaContext();
    expect(() => context[method]('x' as never)).toThrow(UnsupportedContextCallError);
  });
});

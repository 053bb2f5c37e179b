import { randomUUID } from 'node:crypto';

/**
 * A Lambda invocation context for tests, shaped like `Context` from `@types/aws-lambda`
 * (declared here structurally so this package needs no Lambda type dependency; it is
 * assignable wherever a handler expects a `Context`).
 */
export interface FakeLambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  /** @deprecated as in the Lambda runtime: async handlers return or throw instead. */
  done(error?: Error, result?: unknown): void;
  /** @deprecated as in the Lambda runtime. */
  fail(error: Error | string): void;
  /** @deprecated as in the Lambda runtime. */
  succeed(messageOrObject: unknown, object?: unknown): void;
}

export interface FakeLambdaContextOptions {
  readonly functionName?: string;
  readonly functionVersion?: string;
  readonly region?: string;
  readonly account?: string;
  readonly memoryLimitInMB?: number;
  /** The function's timeout; `getRemainingTimeInMillis` counts down from it. Default 30 s. */
  readonly timeoutMs?: number;
  /** Fixed request id (default: a new UUID per context, as Lambda gives each invocation). */
  readonly awsRequestId?: string;
  /** Injected clock (epoch ms), so a test can move time and watch the remaining time shrink. */
  readonly now?: () => number;
}

/** A handler called a callback-style method that async Lambda handlers must not use. */
export class UnsupportedContextCallError extends Error {
  override readonly name = 'UnsupportedContextCallError';
  constructor(method: string) {
    super(
      `context.${method}() is the pre-async callback API; trailwarden handlers are async and must return or throw`,
    );
  }
}

/**
 * Builds the context Lambda passes to a handler for one invocation, with the values Powertools
 * Logger puts in each log line (function name, version, ARN, memory, request id) and a
 * remaining-time clock that starts at the function's timeout.
 *
 * @example
 * const context = fakeLambdaContext({ functionName: 'trailwarden-slack-notifier' });
 * await handler(snsEvent, context);
 * context.getRemainingTimeInMillis(); // ≤ 30000
 */
export function fakeLambdaContext(options: FakeLambdaContextOptions = {}): FakeLambdaContext {
  const functionName = options.functionName ?? 'trailwarden-test-function';
  const functionVersion = options.functionVersion ?? '$LATEST';
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 30_000);
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = (method: string) => () => {
    throw new UnsupportedContextCallError(method);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion,
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 256),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[${functionVersion}]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

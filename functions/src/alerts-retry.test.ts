import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbFindingStore, ensureTable, parseAlertBody } from '@trailwarden/adapters';
import { type LocalDynamoDb, localDynamoDbClientConfig, startDynalite } from '@trailwarden/testing';
import { fakeLambdaContext } from '@trailwarden/testing/lambda-context';
import { type LocalQueue, type LocalSns, startLocalSns } from '@trailwarden/testing/local-sns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertsRetrySummary } from './alerts-retry.js';
import { loadFinding } from './test-events.js';
import { type CapturedLogs, captureLogs } from './test-logs.js';

/**
 * The alerts-retry module as Lambda loads it, against dynalite (DynamoDB) and fauxqs (SNS →
 * SQS): the SDK clients it creates at cold start reach the emulators through the SDK's standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so the module runs unchanged.
 */

type Handler = (event: unknown, context: ReturnType<typeof fakeLambdaContext>) => Promise<AlertsRetrySummary>;

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;
let sns: LocalSns;
let topicArn: string;
let queue: LocalQueue;
let table: string;
let store: DynamoDbFindingStore;
let logs: CapturedLogs;

/** An EventBridge scheduled event, as a `rate(5 minutes)` rule delivers it. */
const scheduledEvent = {
  version: '0',
  id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111122223333',
  time: '2026-11-03T08:45:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:111122223333:rule/trailwarden-alerts-retry'],
  detail: {},
};

async function coldStart(): Promise<Handler> {
  vi.resetModules();
  const module = await import('./alerts-retry.js');
  return module.handler;
}

function invoke(handler: Handler): Promise<AlertsRetrySummary> {
  return handler(scheduledEvent, fakeLambdaContext({ functionName: 'trailwarden-alerts-retry' }));
}

/** What AWS delivers to the queue: fauxqs passes the whole `MessageStructure: 'json'` structure, AWS only its `sqs` entry. */
function deliveredFindingId(body: string | undefined): string | undefined {
  const envelope = JSON.parse(body ?? '{}') as { Message: string };
  const structure = JSON.parse(envelope.Message) as Record<string, string>;
  const parsed = parseAlertBody(structure.sqs ?? '');
  return parsed.ok ? parsed.value.finding.id : undefined;
}

async function recordUnalerted(name: Parameters<typeof loadFinding>[0], minutesAgo = 1) {
  const now = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const outcome = await store.record(loadFinding(name), { windowMinutes: 60, now });
  expect(outcome).toMatchObject({ kind: 'new', finding: { alerted: false } });
  return outcome.finding;
}

beforeAll(async () => {
  dynamo = await startDynalite();
  client = new DynamoDBClient(localDynamoDbClientConfig(dynamo.endpoint));
  sns = await startLocalSns();
  topicArn = await sns.createTopic('trailwarden-alerts');
  queue = await sns.createQueue('alerts-inbox');
  await sns.subscribeQueue(topicArn, queue);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SNS', sns.endpoint);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await sns?.stop();
  await dynamo?.stop();
});

beforeEach(async () => {
  table = `findings-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, table);
  store = new DynamoDbFindingStore(client, table);
  vi.stubEnv('FINDINGS_TABLE_NAME', table);
  vi.stubEnv('ALERTS_TOPIC_ARN', topicArn);
  vi.stubEnv('ALERTS_RETRY_LIMIT', '');
  await sns.purge(queue);
  logs = captureLogs();
});

afterEach(() => {
  logs.restore();
});

describe('alerts-retry', () => {
  it('delivers an unalerted finding to the topic and marks it alerted', async () => {
    // Prepare
    const finding = await recordUnalerted('cloudtrail-logging-stopped');
    const handler = await coldStart();

    // Act
    const summary = await invoke(handler);
    const delivered = await sns.receive(queue, { count: 1 });

    // Assess
    expect(summary).toEqual({ attempted: 1, delivered: 1, notRouted: 0, stillFailing: 0 });
    expect(delivered.map((message) => deliveredFindingId(message.Body))).toEqual([finding.id]);
    const stored = await store.get(finding.id);
    expect(stored).toMatchObject({ alerted: true, alertedAt: expect.any(String) });
    expect(await store.listUnalerted(10)).toEqual([]);
    expect(logs.lines().find((line) => line.message.startsWith('outbox:'))).toMatchObject({
      level: 'INFO',
      message: 'outbox: 1 delivered, 0 still pending',
      attempted: 1,
      delivered: 1,
      service: 'trailwarden-alerts-retry',
      function_name: 'trailwarden-alerts-retry',
    });
  });

  it('takes at most ALERTS_RETRY_LIMIT findings per run, oldest first', async () => {
    // Prepare
    const second = await recordUnalerted('iam-access-key-created', 1);
    const first = await recordUnalerted('cloudtrail-logging-stopped', 2);
    vi.stubEnv('ALERTS_RETRY_LIMIT', '1');
    const handler = await coldStart();

    // Act
    const runs = [await invoke(handler), await invoke(handler), await invoke(handler)];
    const delivered = await sns.receive(queue, { count: 2 });

    // Assess
    expect(runs.map((run) => [run.attempted, run.delivered])).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(delivered.map((message) => deliveredFindingId(message.Body))).toEqual([first.id, second.id]);
  });

  it('keeps a finding in the outbox while SNS refuses it, and delivers it once SNS takes it', async () => {
    // Prepare: a topic that does not exist stands in for SNS refusing every publish
    const finding = await recordUnalerted('iam-access-key-created');
    vi.stubEnv('ALERTS_TOPIC_ARN', 'arn:aws:sns:us-east-1:000000000000:deleted-topic');
    const failing = await coldStart();
    vi.stubEnv('ALERTS_TOPIC_ARN', topicArn);
    const healthy = await coldStart();

    // Act
    const refused = await invoke(failing);
    const afterRefusal = await store.get(finding.id);
    const recovered = await invoke(healthy);

    // Assess
    expect(refused).toEqual({ attempted: 1, delivered: 0, notRouted: 0, stillFailing: 1 });
    expect(afterRefusal?.alerted).toBe(false);
    expect(logs.lines().find((line) => line.level === 'WARN')).toMatchObject({
      message: 'alerts still failing; the next run retries them',
      stillFailing: 1,
    });
    expect(recovered).toMatchObject({ attempted: 1, delivered: 1 });
    expect(
      (await sns.receive(queue, { count: 1 })).map((message) => deliveredFindingId(message.Body)),
    ).toEqual([finding.id]);
  });

  it('does nothing when the outbox is empty', async () => {
    // Act
    const summary = await invoke(await coldStart());

    // Assess
    expect(summary).toEqual({ attempted: 0, delivered: 0, notRouted: 0, stillFailing: 0 });
    expect(await sns.receiveFor(queue, 1200)).toEqual([]);
  });

  it('fails the run when the findings table cannot be read', async () => {
    // Prepare
    vi.stubEnv('FINDINGS_TABLE_NAME', 'no-such-table');
    const handler = await coldStart();

    // Act / Assess
    await expect(invoke(handler)).rejects.toMatchObject({
      name: 'StoreRequestError',
      message: expect.stringContaining('no-such-table'),
    });
  });

  it('refuses to start without its configuration', async () => {
    // Prepare
    vi.stubEnv('ALERTS_TOPIC_ARN', '');

    // Act / Assess
    await expect(coldStart()).rejects.toMatchObject({
      name: 'EnvironmentError',
      message: 'alerts-retry: invalid environment: ALERTS_TOPIC_ARN is not set',
    });
  });
});

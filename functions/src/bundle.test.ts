import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbFindingStore, ensureTable, parseAlertBody, slackMessage } from '@trailwarden/adapters';
import { localDynamoDbClientConfig, startDynalite } from '@trailwarden/testing';
import { startLocalHttpServer } from '@trailwarden/testing/local-http';
import { startLocalSns } from '@trailwarden/testing/local-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDelivery, loadFinding, loadStoredFinding, snsEvent } from './test-events.js';

/**
 * The deployable artefacts: scripts/build-functions.mjs bundles every handler into a temporary
 * folder, then each bundle is loaded and invoked by plain Node in a separate process, as the
 * Lambda runtime would, against local stand-ins for AWS (dynalite, fauxqs, and a local HTTP
 * server answering Secrets Manager's JSON protocol, since nothing can mock the SDK inside
 * another process).
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'trailwarden-functions-'));
const dist = join(temp, 'dist');

// Loads a bundle and calls its handler once with the event given, as the runtime does.
const INVOKE = `
const [bundle, event] = process.argv.slice(-2);
const { handler } = await import(bundle);
const context = {
  functionName: 'bundle-test', functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bundle-test',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', logGroupName: '/aws/lambda/bundle-test',
  logStreamName: '2026/11/03/[$LATEST]0123456789abcdef', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30000,
};
try {
  const result = await handler(JSON.parse(event), context);
  process.stdout.write('RESULT ' + JSON.stringify(result ?? null) + '\\n');
} catch (error) {
  process.stdout.write('FAILED ' + JSON.stringify({ name: error.name, message: error.message }) + '\\n');
}
`;

/** Invokes a built bundle in a fresh Node process with only the environment given (no ~/.aws). */
async function invokeBundle(name: string, event: unknown, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', INVOKE, join(dist, name, 'index.mjs'), JSON.stringify(event)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: temp,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: 'us-east-1',
        ...env,
      },
      timeout: 60_000,
    },
  );
  const outcome = stdout.split('\n').find((line) => line.startsWith('RESULT ') || line.startsWith('FAILED '));
  if (outcome === undefined) throw new Error(`the bundle printed no outcome:\n${stdout}`);
  return outcome;
}

let buildOutput: string;

beforeAll(async () => {
  const { stdout } = await run(process.execPath, ['scripts/build-functions.mjs', '--outdir', dist], {
    cwd: root,
    timeout: 180_000,
  });
  buildOutput = stdout;
}, 200_000);

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('scripts/build-functions.mjs', () => {
  it('bundles each function into <outdir>/<name>/index.mjs and prints its size', () => {
    for (const name of ['slack-notifier', 'alerts-retry']) {
      expect(existsSync(join(dist, name, 'index.mjs'))).toBe(true);
      expect(existsSync(join(dist, name, 'index.mjs.map'))).toBe(true);
      expect(buildOutput).toMatch(new RegExp(`^${name}\\s+\\d+\\.\\d KiB\\s+\\(gzip \\d+\\.\\d KiB\\)`, 'm'));
    }
  });

  it('the slack-notifier bundle reads the secret and posts the finding', async () => {
    // Prepare
    const secretArn = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:trailwarden/slack-webhook-Xk3p9Q';
    const slack = await startLocalHttpServer();
    const secretsManager = await startLocalHttpServer({
      defaultResponse: {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          ARN: secretArn,
          Name: 'trailwarden/slack-webhook',
          SecretString: `${slack.url}/services/T0EXAMPLE1/B0EXAMPLE2/Zx9Kq4Lm7Np2Rs5Tv8Wy1Ab3`,
          VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1_762_160_000,
        }),
      },
    });
    const finding = loadStoredFinding('cloudtrail-logging-stopped');

    try {
      // Act
      const outcome = await invokeBundle('slack-notifier', snsEvent([alertDelivery(finding)]), {
        SLACK_WEBHOOK_SECRET_ARN: secretArn,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
      });

      // Assess
      expect(outcome).toBe('RESULT null');
      expect(secretsManager.requests).toHaveLength(1);
      expect(secretsManager.requests[0]?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(JSON.parse(secretsManager.requests[0]?.body ?? '')).toEqual({ SecretId: secretArn });
      expect(slack.requests.map((request) => JSON.parse(request.body) as unknown)).toEqual([
        JSON.parse(JSON.stringify(slackMessage(finding))),
      ]);
    } finally {
      await slack.close();
      await secretsManager.close();
    }
  });

  it('the alerts-retry bundle delivers an unalerted finding and marks it alerted', async () => {
    // Prepare
    const dynamo = await startDynalite();
    const client = new DynamoDBClient(localDynamoDbClientConfig(dynamo.endpoint));
    const sns = await startLocalSns();
    try {
      const topicArn = await sns.createTopic('trailwarden-alerts');
      const queue = await sns.createQueue('inbox');
      await sns.subscribeQueue(topicArn, queue);
      await ensureTable(client, 'trailwarden-findings');
      const store = new DynamoDbFindingStore(client, 'trailwarden-findings');
      const recorded = await store.record(loadFinding('iam-access-key-created'), {
        windowMinutes: 60,
        now: new Date().toISOString(),
      });

      // Act
      const outcome = await invokeBundle(
        'alerts-retry',
        { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
        {
          FINDINGS_TABLE_NAME: 'trailwarden-findings',
          ALERTS_TOPIC_ARN: topicArn,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ENDPOINT_URL_SNS: sns.endpoint,
        },
      );
      const [delivered] = await sns.receive(queue, { count: 1 });

      // Assess
      expect(outcome).toBe(
        `RESULT ${JSON.stringify({ attempted: 1, delivered: 1, notRouted: 0, stillFailing: 0 })}`,
      );
      const structure = JSON.parse((JSON.parse(delivered?.Body ?? '{}') as { Message: string }).Message) as {
        sqs: string;
      };
      const body = parseAlertBody(structure.sqs);
      expect(body.ok && body.value.finding.id).toBe(recorded.finding.id);
      expect((await store.get(recorded.finding.id))?.alerted).toBe(true);
    } finally {
      client.destroy();
      await sns.stop();
      await dynamo.stop();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDynalite } from '@trailwarden/testing';
import { startLocalHttpServer } from '@trailwarden/testing/local-http';
import { type LocalSns, startLocalSns } from '@trailwarden/testing/local-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../testing/run-cli.js';

/**
 * The local pipeline when things go wrong, against real peers in this process: dynalite for
 * the store, fauxqs for SNS, a local HTTP server for Slack, a closed port for a dead endpoint.
 */

const inputs = fileURLToPath(new URL('../input/fixtures/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const trail = join(inputs, 'cloudtrail-log.json');

interface Listed {
  readonly id: string;
  readonly ruleId: string;
  readonly alerted: boolean;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

const listed = async (dataDir: string): Promise<Listed[]> =>
  (await run(['findings', 'list', '--format', 'jsonl', '--data-dir', dataDir])).json() as unknown as Listed[];

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * An HTTP proxy in front of a DynamoDB endpoint that passes table management (CreateTable,
 * DescribeTable …) and cuts the connection on every item operation: a store that answers the
 * start-up check and then goes down in the middle of the scan.
 */
async function failingItemProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createHttpServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (/Item$|^Query$|^Scan$/.test(operation)) {
      req.socket.destroy();
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('reliability of the local pipeline', () => {
  let temp: string;
  const dataDir = (name: string) => mkdtempSync(join(temp, `${name}-`));

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'trailwarden-reliability-'));
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('store endpoint down: a clear error naming the endpoint, exit 2, nothing read or written', async () => {
    // Prepare
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    // Act
    const scan = await run(['scan', trail, '--store', 'dynamodb', '--endpoint', endpoint], { cwd: inputs });
    const list = await run(['findings', 'list', '--endpoint', endpoint]);
    // Assess
    expect(scan.code).toBe(2);
    expect(scan.out).toBe('');
    expect(scan.err).toMatch(
      new RegExp(
        `^trailwarden: DynamoDB at ${endpoint} is unavailable \\(CreateTable on table trailwarden-findings\\): .*ECONNREFUSED`,
      ),
    );
    expect(scan.err).toContain('is DynamoDB Local running there?');
    expect(scan.err).not.toContain('scanned');
    expect(scan.err).not.toMatch(/^CRITICAL/m);
    expect(list.code).toBe(2);
    expect(list.err).toContain(endpoint);
  });

  it('store failing mid-scan: the findings it refused are reported, none is alerted, exit 2', async () => {
    // Prepare
    const dynamo = await startDynalite();
    const proxy = await failingItemProxy(dynamo.endpoint);
    try {
      // Act
      const scan = await run(['scan', trail, '--endpoint', proxy.url], { cwd: inputs });
      // Assess
      expect(scan.code).toBe(2);
      expect(scan.err).toContain('not recorded: 2 findings');
      expect(scan.err).toMatch(
        /^ {2}.*cloudtrail-log\.json:0: finding \w+ \(root-console-login\) not recorded: .+$/m,
      );
      expect(scan.err).toContain(`recorded in DynamoDB table trailwarden-findings at ${proxy.url}: 0 new`);
      expect(scan.err).toContain('alerted: 0 via console');
      expect(scan.err).not.toMatch(/^CRITICAL/m);
    } finally {
      await proxy.close();
      await dynamo.stop();
    }
  });

  describe('SNS failing', () => {
    let sns: LocalSns;

    beforeAll(async () => {
      sns = await startLocalSns();
    });

    afterAll(async () => {
      await sns.stop();
    });

    it('keeps the findings unalerted; alerts retry delivers them once the topic is there', async () => {
      // Prepare: a topic ARN in the emulator's account that does not exist yet.
      const probe = await sns.createTopic('probe');
      const topicArn = probe.replace(/:probe$/, ':trailwarden-alerts');
      const env = { AWS_ENDPOINT_URL_SNS: sns.endpoint };
      const dir = dataDir('sns');
      // Act: SNS refuses every publish.
      const scan = await run(['scan', trail, '--data-dir', dir, '--sns-topic', topicArn], {
        cwd: inputs,
        env,
      });
      const pending = await listed(dir);
      await sns.createTopic('trailwarden-alerts');
      const queue = await sns.createQueue('pager');
      await sns.subscribeQueue(topicArn, queue);
      const retry = await run(
        ['alerts', 'retry', '--data-dir', dir, '--sns-topic', topicArn, '--no-console-alerts'],
        {
          env,
        },
      );
      const messages = await sns.receive(queue, { count: 2 });
      const again = await run(['alerts', 'retry', '--data-dir', dir, '--sns-topic', topicArn], { env });
      // Assess
      expect(scan.code).toBe(1);
      expect(scan.err).toContain('recorded in embedded store');
      expect(scan.err).toContain(': 2 new');
      expect(scan.err).toContain('alerted: 0 via console, sns');
      expect(scan.err).toContain('alerts not delivered: 2 (kept for `trailwarden alerts retry`)');
      expect(scan.err).toMatch(/sns: alert for finding \w+ not accepted/);
      expect(pending.map((f) => f.alerted)).toEqual([false, false]);
      expect(retry.code).toBe(0);
      expect(retry.out).toBe(
        'outbox: 2 findings: 2 delivered via sns, 0 routed to no channel, 0 still pending\n',
      );
      expect(messages.map((m) => JSON.parse(m.Body ?? '{}').MessageAttributes.ruleId.Value).sort()).toEqual([
        'root-console-login',
        's3-bucket-policy-public',
      ]);
      expect((await listed(dir)).map((f) => f.alerted)).toEqual([true, true]);
      expect(again.out).toBe('outbox is empty: every recorded finding has been alerted\n');
      expect(again.code).toBe(0);
    });
  });

  it('Slack failing: findings stay in the outbox (exit 1 from retry) until the webhook answers', async () => {
    // Prepare
    const failing = await startLocalHttpServer({ defaultResponse: { status: 500, body: 'internal_error' } });
    const healthy = await startLocalHttpServer();
    const dir = dataDir('slack');
    try {
      // Act
      const scan = await run(
        ['scan', trail, '--data-dir', dir, '--slack-webhook', `${failing.url}/services/T0/B0/x`],
        {
          cwd: inputs,
        },
      );
      const stillFailing = await run([
        'alerts',
        'retry',
        '--data-dir',
        dir,
        '--slack-webhook',
        `${failing.url}/services/T0/B0/x`,
      ]);
      const retry = await run([
        'alerts',
        'retry',
        '--data-dir',
        dir,
        '--slack-webhook',
        `${healthy.url}/services/T0/B0/y`,
      ]);
      // Assess
      expect(scan.err).toContain('alerts not delivered: 2');
      expect(scan.err).toContain('Slack webhook answered HTTP 500 (internal_error)');
      expect(scan.err).not.toContain('/services/T0/B0/x');
      expect(stillFailing.code).toBe(1);
      expect(stillFailing.out).toContain(
        '0 delivered via console, slack, 0 routed to no channel, 2 still pending',
      );
      expect(retry.code).toBe(0);
      expect(healthy.requests).toHaveLength(2);
      const payload = JSON.parse(healthy.requests[0]?.body ?? '{}') as { blocks?: unknown[] };
      expect(payload.blocks?.length).toBeGreaterThan(0);
      expect((await listed(dir)).every((f) => f.alerted)).toBe(true);
    } finally {
      await failing.close();
      await healthy.close();
    }
  });

  it('duplicate records in one archive: reported as read, recorded and alerted once', async () => {
    // Prepare
    const dir = dataDir('duplicates');
    // Act
    const scan = await run(['scan', join(fixtures, 'duplicate-records.json'), '--data-dir', dir], {
      cwd: inputs,
    });
    // Assess
    expect(scan.json().map((f) => f.ruleId)).toEqual([
      'root-console-login',
      's3-bucket-policy-public',
      'root-console-login',
      's3-bucket-policy-public',
    ]);
    expect(scan.err).toContain(': 2 new, 0 repeats (inside a dedupe window), 2 already recorded');
    expect(scan.err).toContain('alerted: 2 via console');
    expect((await listed(dir)).map((f) => [f.ruleId, f.count]).sort()).toEqual([
      ['root-console-login', 1],
      ['s3-bucket-policy-public', 1],
    ]);
  });

  it('out-of-order records: folded into one finding whose first and last seen span them all', async () => {
    // Prepare: root sign-ins at 10:40, then 10:05, then 10:20, from one address (one dedupe key).
    const dir = dataDir('out-of-order');
    // Act
    const scan = await run(['scan', join(fixtures, 'root-logins-out-of-order.json'), '--data-dir', dir], {
      cwd: inputs,
    });
    // Assess
    expect(scan.err).toContain(': 1 new, 2 repeats (inside a dedupe window), 0 already recorded');
    expect(scan.err).toContain('alerted: 1 via console');
    const instant = (time: string) => new Date(time).toISOString();
    expect((await listed(dir)).map((f) => [f.count, instant(f.firstSeen), instant(f.lastSeen)])).toEqual([
      [3, '2024-03-04T10:05:00.000Z', '2024-03-04T10:40:00.000Z'],
    ]);
  });

  it('malformed records in a batch: the rest are processed, the bad one is reported with its reason', async () => {
    // Prepare
    const dir = dataDir('malformed');
    // Act
    const scan = await run(['scan', 'records-with-bad-line.jsonl', '--data-dir', dir], { cwd: inputs });
    // Assess
    expect(scan.code).toBe(1);
    expect(scan.json()).toHaveLength(2);
    expect(scan.err).toContain('parse errors: 2');
    expect(scan.err).toMatch(/^ {2}records-with-bad-line\.jsonl:1: incomplete JSON value on its line: .+$/m);
    expect(scan.err).toMatch(/^ {2}records-with-bad-line\.jsonl:2: invalid JSON: .+$/m);
    expect(scan.err).toContain(': 2 new');
    expect(await listed(dir)).toHaveLength(2);
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDb, localDynamoDbClientConfig, startDynalite } from '@trailwarden/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchRecord } from './bench.js';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import { ensureTable } from './table.js';

describe('benchRecord', () => {
  let server: LocalDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    server = await startDynalite();
    client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
    await ensureTable(client, 'bench');
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('records n findings through the store and reports the rate and outcomes', async () => {
    if (client === undefined) throw new Error('dynalite did not start');
    const store = new DynamoDbFindingStore(client, 'bench');

    const result = await benchRecord(store, 24, 4, { repeatEvery: 3 });

    expect(result).toMatchObject({
      findings: 24,
      concurrency: 4,
      outcomes: { new: 16, repeat: 8, duplicate: 0 },
    });
    expect(result.findingsPerSecond).toBeGreaterThan(0);
    expect((await store.list({ status: 'open', limit: 100 })).items).toHaveLength(16);
  });
});

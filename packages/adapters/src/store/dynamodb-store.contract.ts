import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDb, localDynamoDbClientConfig } from '@trailwarden/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeDynamoDbFeaturesContract } from './dynamodb-features.contract.js';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import { describeDynamoDbResilienceContract, type LocalTables } from './dynamodb-resilience.contract.js';
import { describeStatePortContract } from './state-port.contract.js';
import { describeFindingStoreContract } from './store.contract.js';
import { ensureTable } from './table.js';

/**
 * Runs the FindingStore contract and the DynamoDB-specific checks (crash healing, errors at the
 * endpoint boundary, Config resolution, remediation audits, state and counters) against one
 * local server, started once for the file and stopped at the end. Every test gets a new table.
 */
export function describeDynamoDbStoreContract(name: string, start: () => Promise<LocalDynamoDb>): void {
  let server: LocalDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  let tables = 0;
  beforeAll(async () => {
    server = await start();
    client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  const local = () => {
    if (server === undefined || client === undefined) throw new Error(`${name} did not start`);
    return { server, client };
  };
  const freshTable = async () => {
    const table = `findings-${++tables}`;
    await ensureTable(local().client, table);
    return table;
  };

  describeFindingStoreContract(
    name,
    async () => new DynamoDbFindingStore(local().client, await freshTable()),
  );
  describeStatePortContract(name, () => local().client, freshTable);
  const env: LocalTables = {
    client: () => local().client,
    endpoint: () => local().server.endpoint,
    freshTable,
  };
  describeDynamoDbFeaturesContract(name, env);
  describeDynamoDbResilienceContract(name, env);
}

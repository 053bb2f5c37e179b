import { DescribeTableCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDbFindingStore, ensureTable } from '@trailwarden/adapters';
import type { FindingStore } from '@trailwarden/core';
import { MemoryFindingStore } from '@trailwarden/core/pipeline';
import { StoreError } from '../errors.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from './embedded-dynamodb.js';
import { describeStore, LOCAL_REGION, type StoreConfig } from './store-config.js';

/** An open findings store and how to let go of it. */
export interface OpenedStore {
  readonly store: FindingStore;
  readonly config: StoreConfig;
  /** For messages: `embedded store in /repo/.trailwarden`, `DynamoDB table t at http://…`. */
  readonly label: string;
  /** Releases the client and stops the embedded server, so the process can exit. Idempotent. */
  close(): Promise<void>;
}

/** Dummy credentials for local servers; DynamoDB Local keeps data per access key id, so it is fixed. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Opens the store a command asked for and checks that it answers before anything is read or
 * written: the embedded store starts dynalite and creates its table; `dynamodb` with an
 * endpoint (DynamoDB Local) creates the table when it is missing; `dynamodb` on AWS requires
 * the deployed table to exist (the stack creates it with PITR, TTL and KMS; the CLI never
 * creates tables in an AWS account). Every failure is a `StoreError` naming the store.
 *
 * @example
 * const opened = await openStore(resolveStoreConfig(flags, io.env, io.cwd));
 * try { await opened.store.list({ status: 'open' }); } finally { await opened.close(); }
 */
export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  const label = describeStore(config);
  if (config.kind === 'memory') {
    return { store: new MemoryFindingStore(), config, label, close: async () => {} };
  }
  let server: EmbeddedDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      client?.destroy();
      await server?.close();
    })();
    return closed;
  };
  try {
    if (config.kind === 'local') {
      server = await startEmbeddedDynamoDb(config.dataDir);
      client = new DynamoDBClient({
        endpoint: server.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      await ensureTable(client, config.table).catch((cause: unknown) => {
        throw new StoreError(`the ${label} cannot be used: ${messageOf(cause)}`, undefined, { cause });
      });
    } else {
      client = new DynamoDBClient(clientConfig(config));
      if (config.endpoint !== undefined) {
        await ensureTable(client, config.table).catch((cause: unknown) => {
          // The adapter's "unavailable" message already names the endpoint, the operation and the table.
          const unavailable = cause instanceof Error && cause.name === 'StoreUnavailableError';
          throw new StoreError(
            unavailable ? messageOf(cause) : `${label} cannot be used: ${messageOf(cause)}`,
            unavailable
              ? 'is DynamoDB Local running there? (--endpoint, AWS_ENDPOINT_URL_DYNAMODB)'
              : undefined,
            { cause },
          );
        });
      } else {
        await requireTable(client, config.table, label);
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { store: new DynamoDbFindingStore(client, config.table), config, label, close };
}

function clientConfig(config: Extract<StoreConfig, { kind: 'dynamodb' }>): DynamoDBClientConfig {
  return {
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    ...(config.region !== undefined && { region: config.region }),
    ...(config.localCredentials && { credentials: LOCAL_CREDENTIALS }),
  };
}

/** The deployed table must exist; DescribeTable tells missing tables, credentials and network apart. */
async function requireTable(client: DynamoDBClient, table: string, label: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
  } catch (cause) {
    const name = cause instanceof Error ? cause.name : '';
    if (name === 'ResourceNotFoundException') {
      throw new StoreError(
        `${label} does not exist in this account and region`,
        'deploy the trailwarden stack, pass --table, or use --store local',
        { cause },
      );
    }
    const region = /region is missing/i.test(messageOf(cause));
    throw new StoreError(
      `${label} cannot be used: ${messageOf(cause)}`,
      region
        ? 'set AWS_REGION (or AWS_DEFAULT_REGION) to the region of the table'
        : 'check the AWS credentials and network, or use --store local',
      { cause },
    );
  }
}

function messageOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  return cause.message || cause.name;
}

import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { storeError } from './sdk-errors.js';

/**
 * The single-table layout (see README.md in this folder for the full picture).
 *
 * Base table: `PK` (S) + `SK` (S). Items:
 * - `FINDING#<id>` / `FINDING` — a finding (immutable body as JSON + lifecycle attributes)
 * - `FINDING#<id>` / `REMEDIATION#<time>#<action>` — remediation audit records beside it
 * - `DEDUPE#<dedupeKey>` / `DEDUPE` — the open dedupe window (TTL)
 * - `STATE#<key>` / `STATE` — state for stateful rules (value as a JSON string)
 * - `COUNTER#<key>#<slotMs>#<slotStart>` / `COUNTER` — sliding-window counter slots (TTL)
 *
 * Global secondary indexes (sparse: an item without the key attributes is not indexed):
 * - `open-by-severity`: `status` + `openSk` (`<rank>#<time>#<id>`, present only while open)
 * - `by-status`: `status` + `timeSk` (`<time>#<id>`)
 * - `by-resource`: `resource` (first resource ARN) + `timeSk`
 * - `by-account`: `account` + `timeSk`
 * - `unalerted`: `unalerted` (`PENDING`, removed by markAlerted) + `unalertedSk` (`<event time>#<id>`)
 */
export const INDEX = {
  openBySeverity: 'open-by-severity',
  byStatus: 'by-status',
  byResource: 'by-resource',
  byAccount: 'by-account',
  unalerted: 'unalerted',
} as const;
export type IndexName = (typeof INDEX)[keyof typeof INDEX];

/** Key attributes of each index (hash, range), used to build page cursors. */
export const INDEX_KEYS: Readonly<Record<IndexName, readonly [string, string]>> = {
  [INDEX.openBySeverity]: ['status', 'openSk'],
  [INDEX.byStatus]: ['status', 'timeSk'],
  [INDEX.byResource]: ['resource', 'timeSk'],
  [INDEX.byAccount]: ['account', 'timeSk'],
  [INDEX.unalerted]: ['unalerted', 'unalertedSk'],
};

/** TTL attribute (epoch seconds) on dedupe pointers and counter slots. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Attributes every index carries besides its own keys (and the table's): everything a
 * `StoredFinding` is read from plus the attributes list filters use, but not the seen-event
 * set, which can reach tens of KB and changes on every repeat.
 */
export const PROJECTED_ATTRIBUTES = [
  'body',
  'status',
  'count',
  'firstSeen',
  'lastSeen',
  'alerted',
  'alertedAt',
  'suppression',
  'history',
  'updatedAt',
  'severity',
  'account',
] as const;

/** Non-key attributes projected into one index (DynamoDB refuses to list an index's own keys). */
export function projectedAttributes(index: IndexName): string[] {
  const keys: readonly string[] = INDEX_KEYS[index];
  return PROJECTED_ATTRIBUTES.filter((name) => !keys.includes(name));
}

/**
 * The CreateTable input for the findings table: on-demand billing, the base key and the five
 * indexes. Used by tests, the CLI's embedded store and the CDK stack (which adds PITR, TTL and
 * KMS encryption).
 *
 * @example
 * await client.send(new CreateTableCommand(tableDefinition('trailwarden-findings')));
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const index = (name: IndexName) => {
    const [hash, range] = INDEX_KEYS[name];
    return {
      IndexName: name,
      KeySchema: [
        { AttributeName: hash, KeyType: 'HASH' as const },
        { AttributeName: range, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: projectedAttributes(name) },
    };
  };
  const stringAttributes = ['PK', 'SK', ...new Set(Object.values(INDEX_KEYS).flat())];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: stringAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.values(INDEX).map(index),
  };
}

/** Options for {@link ensureTable}. */
export interface EnsureTableOptions {
  /** How long to wait for the table to become ACTIVE (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Creates the table when it does not exist, waits until it is ACTIVE and turns TTL on. For
 * local servers (the CLI's embedded dynalite, DynamoDB Local); deployed tables come from the
 * stack. dynalite has no TTL API: there TTL stays off, which only means expired windows and
 * counter slots are not deleted — the store never relies on TTL deletion for correctness.
 *
 * @example
 * await ensureTable(client, 'trailwarden-findings');
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException))
      throw await storeError(client, 'CreateTable', tableName, error);
  }
  await waitUntilActive(client, tableName, options.timeoutMs ?? 30_000);
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!ttlUnsupportedOrAlreadyOn(error))
      throw await storeError(client, 'UpdateTimeToLive', tableName, error);
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
        (gsi) => gsi.IndexStatus === 'ACTIVE',
      );
      if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    } catch (error) {
      // A table created a moment ago may not be visible to DescribeTable yet.
      if (!(error instanceof ResourceNotFoundException)) {
        throw await storeError(client, 'DescribeTable', tableName, error);
      }
    }
    if (Date.now() > deadline) {
      throw await storeError(
        client,
        'DescribeTable',
        tableName,
        new Error(`not ACTIVE after ${timeoutMs} ms`),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** dynalite: UnknownOperationException; DynamoDB when TTL is already on: ValidationException saying so. */
function ttlUnsupportedOrAlreadyOn(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'UnknownOperationException') return true;
  return error.name === 'ValidationException' && /already enabled/i.test(error.message);
}

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterSpec, StatePort, StateUpdate } from '@trailwarden/core';
import { CorruptItemError, StoreUnavailableError } from '../errors.js';
import { createStoreContext, run, type StoreContext, type StoreOptions } from './context.js';
import { counterSlots } from './counter-slots.js';
import { counterSlotKey, type ItemKey, stateItemKey } from './keys.js';
import { describeEndpoint } from './sdk-errors.js';
import { TTL_ATTRIBUTE } from './table.js';

const BATCH_GET_MAX = 100;
const BATCH_WRITE_MAX = 25;
const UNPROCESSED_ATTEMPTS = 8;

/**
 * The core's `StatePort` on the findings table. State values (previous policy versions,
 * password policies, trail buckets …) are items `STATE#<key>` holding the value as a JSON
 * string: documents stay small and their shape is the core's business. Threshold counters are
 * slot items with TTL (see counter-slots.ts).
 *
 * @example
 * const state = new DynamoDbStatePort(client, 'trailwarden');
 * const values = await state.load(['password-policy#111122223333']);
 */
export class DynamoDbStatePort implements StatePort {
  readonly #ctx: StoreContext;

  constructor(client: DynamoDBClient, tableName: string, options: StoreOptions = {}) {
    this.#ctx = createStoreContext(client, tableName, options);
  }

  /** Strongly consistent reads, 100 keys per request; absent keys are absent from the map. */
  async load(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    const values = new Map<string, unknown>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
      const items = await this.#batchGet(unique.slice(i, i + BATCH_GET_MAX).map(stateItemKey));
      for (const item of items) {
        const key = typeof item.key === 'string' ? item.key : undefined;
        if (key === undefined || typeof item.value !== 'string') {
          throw new CorruptItemError(String(item.PK), 'state item without key or value');
        }
        try {
          values.set(key, JSON.parse(item.value));
        } catch (error) {
          throw new CorruptItemError(String(item.PK), 'state value is not JSON', { cause: error });
        }
      }
    }
    return values;
  }

  /** Puts and deletes in batches of 25; for a key updated twice in one call, the last update wins. */
  async apply(updates: readonly StateUpdate[]): Promise<void> {
    const last = new Map<string, StateUpdate>();
    for (const update of updates) last.set(update.key.key, update);
    const requests = [...last.values()].map((update) =>
      update.value === undefined
        ? { DeleteRequest: { Key: stateItemKey(update.key.key) } }
        : {
            PutRequest: {
              Item: {
                ...stateItemKey(update.key.key),
                key: update.key.key,
                value: JSON.stringify(update.value),
              },
            },
          },
    );
    for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
      let pending: typeof requests | undefined = requests.slice(i, i + BATCH_WRITE_MAX);
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
        if (attempt === UNPROCESSED_ATTEMPTS) await this.#giveUp('BatchWriteItem');
        if (attempt > 0) await this.#ctx.sleep(20 * 2 ** attempt);
        const batch: typeof requests = pending;
        const output = await run(this.#ctx, 'BatchWriteItem', () =>
          this.#ctx.doc.send(new BatchWriteCommand({ RequestItems: { [this.#ctx.table]: batch } })),
        );
        pending = output.UnprocessedItems?.[this.#ctx.table] as typeof requests | undefined;
      }
    }
  }

  /**
   * Adds one occurrence at `atMs` to the counter's slot and returns the occurrences in the
   * window ending there (this one included). Slot items expire by TTL once the window has
   * passed them (on the wall clock, so a replay of old events keeps its slots while it runs).
   */
  async increment(counter: CounterSpec, atMs: number): Promise<number> {
    const slots = counterSlots(counter.windowSeconds, atMs);
    const horizon = Math.max(slots.currentEnd, this.#ctx.clock()) + counter.windowSeconds * 1000;
    const expiresAt = Math.ceil(horizon / 1000) + 3600;
    const [updated, earlier] = await Promise.all([
      run(this.#ctx, 'UpdateItem', () =>
        this.#ctx.doc.send(
          new UpdateCommand({
            TableName: this.#ctx.table,
            Key: counterSlotKey(counter.key, slots.slotMs, slots.current),
            UpdateExpression: 'ADD occurrences :one SET #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      ),
      this.#batchGet(slots.earlier.map((start) => counterSlotKey(counter.key, slots.slotMs, start))),
    ]);
    const current = Number(updated.Attributes?.occurrences ?? 1);
    return earlier.reduce(
      (sum, item) => sum + (typeof item.occurrences === 'number' ? item.occurrences : 0),
      current,
    );
  }

  async #batchGet(keys: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending: readonly ItemKey[] = keys;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === UNPROCESSED_ATTEMPTS) await this.#giveUp('BatchGetItem');
      if (attempt > 0) await this.#ctx.sleep(20 * 2 ** attempt);
      const request = pending;
      const output = await run(this.#ctx, 'BatchGetItem', () =>
        this.#ctx.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.#ctx.table]: { Keys: [...request], ConsistentRead: true } },
          }),
        ),
      );
      items.push(...(output.Responses?.[this.#ctx.table] ?? []));
      pending = (output.UnprocessedKeys?.[this.#ctx.table]?.Keys ?? []) as ItemKey[];
    }
    return items;
  }

  async #giveUp(operation: string): Promise<never> {
    throw new StoreUnavailableError(await describeEndpoint(this.#ctx.client), operation, this.#ctx.table, {
      cause: new Error(`items still unprocessed after ${UNPROCESSED_ATTEMPTS} attempts (throttled)`),
    });
  }
}

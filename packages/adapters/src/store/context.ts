import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionFailed, conditionFailureItem, storeError } from './sdk-errors.js';

/** Tuning shared by the store and the state port; defaults suit production and tests alike. */
export interface StoreOptions {
  /**
   * Event ids remembered per finding to recognise a redelivered repeat (default 1,000 ≈ 40 KB
   * of UUIDs). Past the cap, repeats are still counted but a redelivery of one of them is
   * counted again: `count` may over-count, it never under-counts.
   */
  readonly seenEventsCap?: number;
  /**
   * When a window's finding is not written yet (its claimer is in flight), how often to look
   * again before taking the window over (default 8 attempts, waits from 10 ms doubling: ≈1.3 s).
   */
  readonly inFlightAttempts?: number;
  readonly inFlightBaseDelayMs?: number;
  /** Injected for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Wall clock (epoch ms) for TTLs; windows run on event time, not on this clock. */
  readonly clock?: () => number;
}

/** What every store operation needs: clients, table, tuning. */
export interface StoreContext {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly seenEventsCap: number;
  readonly inFlightAttempts: number;
  readonly inFlightBaseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly clock: () => number;
}

/** Builds the context once per store; the document client wraps (and shares) the caller's client. */
export function createStoreContext(
  client: DynamoDBClient,
  table: string,
  options: StoreOptions = {},
): StoreContext {
  return {
    client,
    doc: DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    }),
    table,
    seenEventsCap: options.seenEventsCap ?? 1000,
    inFlightAttempts: options.inFlightAttempts ?? 8,
    inFlightBaseDelayMs: options.inFlightBaseDelayMs ?? 10,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    clock: options.clock ?? Date.now,
  };
}

/** Runs one SDK call; any failure leaves as a domain error. */
export async function run<T>(ctx: StoreContext, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw await storeError(ctx.client, operation, ctx.table, error);
  }
}

/** Result of a conditional write: the output, or the failed condition with the item DynamoDB returned (if any). */
export type Conditional<T> =
  | { readonly ok: true; readonly output: T }
  | { readonly ok: false; readonly item: Record<string, unknown> | undefined };

/** Runs one conditional write; a failed condition is an outcome, everything else a domain error. */
export async function runConditional<T>(
  ctx: StoreContext,
  operation: string,
  call: () => Promise<T>,
): Promise<Conditional<T>> {
  try {
    return { ok: true, output: await call() };
  } catch (error) {
    if (conditionFailed(error)) return { ok: false, item: conditionFailureItem(error) };
    throw await storeError(ctx.client, operation, ctx.table, error);
  }
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { run, type StoreContext } from './context.js';
import { findingKey } from './keys.js';

/**
 * Strongly consistent read of one finding item, raw (the recorder inspects `seenEvents`,
 * which `StoredFinding` does not carry).
 *
 * @example
 * const item = await getFindingItem(ctx, id);
 */
export async function getFindingItem(
  ctx: StoreContext,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const output = await run(ctx, 'GetItem', () =>
    ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: findingKey(id), ConsistentRead: true })),
  );
  return output.Item;
}

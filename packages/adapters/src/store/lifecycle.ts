import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { assertTransition } from '@trailwarden/core/pipeline';
import { FindingNotFoundError, StoreConflictError } from '../errors.js';
import { runConditional, type StoreContext } from './context.js';
import { isoTime, storedFindingFromItem } from './finding-item.js';
import { getFindingItem } from './finding-reads.js';
import { findingKey } from './keys.js';
import type { StatusChange, StoredFinding, TransitionRequest } from './ports.js';

const MAX_ATTEMPTS = 5;

/**
 * Changes a finding's status (lifecycle rules: the core's `assertTransition`) with a conditional update on the status it was read with
 * (`#status = :from`), so two concurrent changes never both apply on the same starting point:
 * the loser re-reads and is judged against the new status (a second terminal change fails
 * with `InvalidTransitionError`; a compatible one, such as resolve after acknowledge, applies).
 * Leaving `open` drops the finding from the open index; suppressing also takes it out of the
 * alert outbox. Every change is appended to `history`.
 *
 * @example
 * await transitionFinding(ctx, id, { to: 'acknowledged', by: 'alice', now: new Date().toISOString() });
 */
export async function transitionFinding(
  ctx: StoreContext,
  id: string,
  request: TransitionRequest,
): Promise<StoredFinding> {
  const at = isoTime(request.now, new Date(ctx.clock()).toISOString());
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = await getFindingItem(ctx, id);
    if (item === undefined) throw new FindingNotFoundError(id);
    const from = storedFindingFromItem(item).status;
    assertTransition(id, from, request);
    const change: StatusChange = {
      from,
      to: request.to,
      at,
      by: request.by,
      ...(request.reason === undefined ? {} : { reason: request.reason }),
    };
    const sets = ['#status = :to', 'updatedAt = :at', 'history = list_append(history, :change)'];
    if (request.to === 'suppressed') sets.push('suppression = :suppression');
    const removes = ['openSk', ...(request.to === 'suppressed' ? ['unalerted'] : [])];
    const result = await runConditional(ctx, 'UpdateItem', () =>
      ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.table,
          Key: findingKey(id),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK) AND #status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': request.to,
            ':from': from,
            ':at': at,
            ':change': [change],
            ...(request.to === 'suppressed' ? { ':suppression': request.suppression } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (result.ok) return storedFindingFromItem(result.output.Attributes ?? {});
  }
  throw new StoreConflictError('transition', findingKey(id).PK, MAX_ATTEMPTS);
}

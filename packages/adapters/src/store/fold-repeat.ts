import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Finding } from '@trailwarden/core';
import { StoreConflictError } from '../errors.js';
import { runConditional, type StoreContext } from './context.js';
import { seenEvents, storedFindingFromItem } from './finding-item.js';
import { getFindingItem } from './finding-reads.js';
import { findingKey, type ItemKey } from './keys.js';
import type { FindingStatus, RecordOutcome, StoreRecordOptions } from './ports.js';

/** Everything one `record` call decided up front. */
export interface RecordPlan {
  readonly finding: Finding;
  readonly options: StoreRecordOptions;
  readonly nowIso: string;
  readonly eventIso: string;
  readonly eventMs: number;
  readonly windowMs: number;
  readonly eventId: string;
  readonly lane: 'active' | 'suppressed';
  readonly pointerKey: ItemKey;
}

/** Statuses whose finding keeps absorbing repeats in each lane; any other status ends the window. */
const LANE_STATUSES: Readonly<Record<RecordPlan['lane'], readonly FindingStatus[]>> = {
  active: ['open', 'acknowledged'],
  suppressed: ['suppressed'],
};

/** Guesses for one conditional update; corrected from the item after a failed condition. */
interface Moves {
  readonly addToSeen: boolean;
  readonly moveFirstSeen: boolean;
  readonly moveLastSeen: boolean;
}

/**
 * Folds an event into the finding that owns the window: ADD count 1, ADD the event id to the
 * seen set, widen firstSeen/lastSeen, on condition that the finding exists, is still in the
 * lane's statuses, and has not seen this event → `repeat`. After a failed condition the item
 * says why: the event was seen → `duplicate`; the finding left the lane (resolved, or
 * suppressed by hand) → take the window over; the item is missing (its claimer is between its
 * two writes) → back off and look again, and after `inFlightAttempts` take the window over (the
 * claimer crashed; its redelivery then counts as a repeat here); a guess about the seen-set cap
 * or the first/last times was wrong → retry with the right one.
 */
export async function foldRepeat(
  ctx: StoreContext,
  plan: RecordPlan,
  ownerId: string,
  takeOver: (from: string) => Promise<RecordOutcome | 'reclaim'>,
): Promise<RecordOutcome | 'reclaim'> {
  // Live traffic mostly arrives in time order: first guess that the event is the newest.
  let moves: Moves = { addToSeen: true, moveFirstSeen: false, moveLastSeen: true };
  let missing = 0;
  const bound = ctx.inFlightAttempts + 4;
  for (let attempt = 0; attempt < bound; attempt++) {
    const result = await countRepeat(ctx, plan, ownerId, moves);
    if (result.ok) return { kind: 'repeat', finding: storedFindingFromItem(result.item) };
    const current = result.item ?? (await getFindingItem(ctx, ownerId));
    if (current === undefined) {
      if (++missing < ctx.inFlightAttempts) {
        await ctx.sleep(ctx.inFlightBaseDelayMs * 2 ** (missing - 1));
        continue;
      }
      return takeOver(ownerId);
    }
    if (seenEvents(current).has(plan.eventId))
      return { kind: 'duplicate', finding: storedFindingFromItem(current) };
    if (!LANE_STATUSES[plan.lane].some((status) => status === current.status)) return takeOver(ownerId);
    moves = {
      addToSeen: seenEvents(current).size < ctx.seenEventsCap,
      moveFirstSeen: typeof current.firstSeen === 'string' && current.firstSeen > plan.eventIso,
      moveLastSeen: typeof current.lastSeen === 'string' && current.lastSeen <= plan.eventIso,
    };
  }
  throw new StoreConflictError('record', findingKey(ownerId).PK, bound);
}

type UpdateResult =
  | { readonly ok: true; readonly item: Record<string, unknown> }
  | { readonly ok: false; readonly item: Record<string, unknown> | undefined };

async function countRepeat(
  ctx: StoreContext,
  plan: RecordPlan,
  ownerId: string,
  moves: Moves,
): Promise<UpdateResult> {
  const statuses = LANE_STATUSES[plan.lane];
  const statusValues = Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status]));
  const sets = [
    'updatedAt = :now',
    ...(moves.moveFirstSeen ? ['firstSeen = :event'] : []),
    ...(moves.moveLastSeen ? ['lastSeen = :event'] : []),
  ];
  const conditions = [
    'attribute_exists(PK)',
    `#status IN (${Object.keys(statusValues).join(', ')})`,
    'NOT contains(seenEvents, :eventId)',
    ...(moves.addToSeen ? ['size(seenEvents) < :cap'] : []),
    ...(moves.moveFirstSeen ? ['firstSeen >= :event'] : []),
    ...(moves.moveLastSeen ? ['lastSeen <= :event'] : []),
  ];
  const result = await runConditional(ctx, 'UpdateItem', () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: findingKey(ownerId),
        UpdateExpression: `ADD #count :one${moves.addToSeen ? ', seenEvents :seen' : ''} SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#count': 'count', '#status': 'status' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':now': plan.nowIso,
          ':eventId': plan.eventId,
          ...statusValues,
          ...(moves.addToSeen ? { ':seen': new Set([plan.eventId]), ':cap': ctx.seenEventsCap } : {}),
          ...(moves.moveFirstSeen || moves.moveLastSeen ? { ':event': plan.eventIso } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    ),
  );
  if (!result.ok) return result;
  return { ok: true, item: result.output.Attributes ?? {} };
}

import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Finding } from '@trailwarden/core';
import type { RecordOutcome, StoreRecordOptions as RecordOptions, StoredFinding } from './ports.js';
import { StoreConflictError } from '../errors.js';
import { run, runConditional, type StoreContext } from './context.js';
import { isoTime, newFindingItem, seenEvents, storedFindingFromItem } from './finding-item.js';
import { dedupePointerKey, findingKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table.js';

/**
 * Idempotent recording with single-item conditional writes only (dynalite has no
 * TransactWriteItems, and none is needed):
 *
 * 1. Claim the dedupe window: update `DEDUPE#<key>` to point at this finding, on condition
 *    that no window is open (`attribute_not_exists(PK) OR windowEndsAt <= :eventTime`) or the
 *    pointer already names this finding (a redelivery, or a retry after a crash between the
 *    two writes). Then put `FINDING#<id>` with `attribute_not_exists(PK)`: success → `new`,
 *    condition failure → `duplicate`.
 * 2. Claim refused: one consistent BatchGet of the pointer and of this finding's own item.
 *    Own item present → `duplicate` (a redelivery that arrives after a later window opened).
 *    Otherwise fold into the pointed-at finding: ADD count 1, ADD the event id to its seen set,
 *    SET lastSeen (only forwards), on condition the finding exists, is not resolved, and has
 *    not seen this event → `repeat`. A seen event → `duplicate`. A resolved finding → take the
 *    window over (conditional on the pointer still naming it) and go to 1: the problem is back.
 *    A missing finding (its claimer is between its two writes) → back off and look again;
 *    after the bound, take the window over the same way (the claimer crashed; its redelivery
 *    will then count as a repeat of the new finding).
 *
 * Windows run on event time (the finding's `time`), so a replay of an old archive folds the
 * same events the live pipeline folded; `options.now` only stamps `updatedAt`/the outbox order.
 */
export async function recordFinding(
  ctx: StoreContext,
  finding: Finding,
  options: RecordOptions,
): Promise<RecordOutcome> {
  const nowIso = isoTime(options.now, new Date(ctx.clock()).toISOString());
  const eventIso = isoTime(finding.time, nowIso);
  const plan: Plan = {
    finding,
    options,
    nowIso,
    eventIso,
    eventMs: Date.parse(eventIso),
    windowMs: Math.max(0, options.windowMinutes) * 60_000,
    eventId: finding.eventId || finding.id,
  };
  for (let attempt = 1; attempt <= 6; attempt++) {
    if (await claimWindow(ctx, plan, undefined)) return putFinding(ctx, plan);
    const folded = await foldIntoWindow(ctx, plan);
    if (folded !== 'reclaim') return folded;
  }
  throw new StoreConflictError('record', dedupePointerKey(finding.dedupeKey).PK, 6);
}

interface Plan {
  readonly finding: Finding;
  readonly options: RecordOptions;
  readonly nowIso: string;
  readonly eventIso: string;
  readonly eventMs: number;
  readonly windowMs: number;
  readonly eventId: string;
}

/** Step 1: point the window at this finding. `takeOverFrom` replaces a stale or resolved owner. */
async function claimWindow(ctx: StoreContext, plan: Plan, takeOverFrom: string | undefined): Promise<boolean> {
  const windowEndsAt = plan.eventMs + plan.windowMs;
  // TTL is housekeeping on the wall clock; keep the pointer at least a day past its window.
  const expiresAt = Math.ceil(Math.max(windowEndsAt, ctx.clock()) / 1000) + 86_400;
  const condition =
    takeOverFrom === undefined
      ? 'attribute_not_exists(PK) OR windowEndsAt <= :eventMs OR findingId = :id'
      : 'findingId = :old';
  const result = await runConditional(ctx, 'UpdateItem', () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: dedupePointerKey(plan.finding.dedupeKey),
        UpdateExpression: 'SET findingId = :id, windowEndsAt = :end, claimedAt = :now, #ttl = :ttl',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':id': plan.finding.id,
          ':end': windowEndsAt,
          ':now': plan.nowIso,
          ':ttl': expiresAt,
          ...(takeOverFrom === undefined ? { ':eventMs': plan.eventMs } : { ':old': takeOverFrom }),
        },
      }),
    ),
  );
  return result.ok;
}

/** Step 1, second write: the finding itself. */
async function putFinding(ctx: StoreContext, plan: Plan): Promise<RecordOutcome> {
  const { item, stored } = newFindingItem(plan.finding, plan.options, plan.eventIso, plan.nowIso);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await runConditional(ctx, 'PutItem', () =>
      ctx.doc.send(
        new PutCommand({
          TableName: ctx.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(PK)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    if (result.ok) return { kind: 'new', finding: stored };
    const existing = result.item ?? (await getFindingItem(ctx, plan.finding.id));
    // Absent again only if the item was deleted in between: write it anew.
    if (existing !== undefined) return { kind: 'duplicate', finding: storedFindingFromItem(existing) };
  }
  throw new StoreConflictError('record', findingKey(plan.finding.id).PK, 3);
}

/** Step 2: the window belongs to another finding. */
async function foldIntoWindow(ctx: StoreContext, plan: Plan): Promise<RecordOutcome | 'reclaim'> {
  const pointerKey = dedupePointerKey(plan.finding.dedupeKey);
  const ownKey = findingKey(plan.finding.id);
  const output = await run(ctx, 'BatchGetItem', () =>
    ctx.doc.send(
      new BatchGetCommand({
        RequestItems: { [ctx.table]: { Keys: [pointerKey, ownKey], ConsistentRead: true } },
      }),
    ),
  );
  const items = output.Responses?.[ctx.table] ?? [];
  const own = items.find((item) => item.PK === ownKey.PK);
  if (own !== undefined) return { kind: 'duplicate', finding: storedFindingFromItem(own) };
  const pointer = items.find((item) => item.PK === pointerKey.PK);
  const openId = typeof pointer?.findingId === 'string' ? pointer.findingId : undefined;
  // No pointer (expired by TTL a moment ago) or it names us (our own claim raced us): claim again.
  if (openId === undefined || openId === plan.finding.id) return 'reclaim';
  return foldInto(ctx, plan, openId);
}

async function foldInto(ctx: StoreContext, plan: Plan, openId: string): Promise<RecordOutcome | 'reclaim'> {
  let addToSeen = true;
  let moveLastSeen = true;
  let missing = 0;
  for (let attempt = 0; attempt < ctx.inFlightAttempts + 4; attempt++) {
    const result = await countRepeat(ctx, plan, openId, addToSeen, moveLastSeen);
    if (result.ok) return { kind: 'repeat', finding: result.finding };
    const current = result.item ?? (await getFindingItem(ctx, openId));
    if (current === undefined) {
      if (++missing < ctx.inFlightAttempts) {
        await ctx.sleep(ctx.inFlightBaseDelayMs * 2 ** (missing - 1));
        continue;
      }
      return takeOver(ctx, plan, openId);
    }
    if (seenEvents(current).has(plan.eventId)) return { kind: 'duplicate', finding: storedFindingFromItem(current) };
    if (current.status === 'resolved') return takeOver(ctx, plan, openId);
    if (seenEvents(current).size >= ctx.seenEventsCap) addToSeen = false;
    if (typeof current.lastSeen === 'string' && current.lastSeen > plan.eventIso) moveLastSeen = false;
  }
  throw new StoreConflictError('record', findingKey(openId).PK, ctx.inFlightAttempts + 4);
}

/** Takes the window from `openId` and writes this finding as the new owner. */
async function takeOver(ctx: StoreContext, plan: Plan, openId: string): Promise<RecordOutcome | 'reclaim'> {
  if (!(await claimWindow(ctx, plan, openId))) return 'reclaim';
  return putFinding(ctx, plan);
}

type RepeatResult =
  | { readonly ok: true; readonly finding: StoredFinding }
  | { readonly ok: false; readonly item: Record<string, unknown> | undefined };

async function countRepeat(
  ctx: StoreContext,
  plan: Plan,
  openId: string,
  addToSeen: boolean,
  moveLastSeen: boolean,
): Promise<RepeatResult> {
  const add = addToSeen ? 'ADD #count :one, seenEvents :seen' : 'ADD #count :one';
  const set = moveLastSeen ? 'SET updatedAt = :now, lastSeen = :event' : 'SET updatedAt = :now';
  const conditions = [
    'attribute_exists(PK)',
    '#status <> :resolved',
    'NOT contains(seenEvents, :eventId)',
    ...(addToSeen ? ['size(seenEvents) < :cap'] : []),
    ...(moveLastSeen ? ['lastSeen <= :event'] : []),
  ];
  const result = await runConditional(ctx, 'UpdateItem', () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: findingKey(openId),
        UpdateExpression: `${add} ${set}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#count': 'count', '#status': 'status' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':now': plan.nowIso,
          ':resolved': 'resolved',
          ':eventId': plan.eventId,
          ...(addToSeen ? { ':seen': new Set([plan.eventId]), ':cap': ctx.seenEventsCap } : {}),
          ...(moveLastSeen ? { ':event': plan.eventIso } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    ),
  );
  if (!result.ok) return result;
  return { ok: true, finding: storedFindingFromItem(result.output.Attributes ?? {}) };
}

/** Strongly consistent read of one finding item. */
export async function getFindingItem(ctx: StoreContext, id: string): Promise<Record<string, unknown> | undefined> {
  const output = await run(ctx, 'GetItem', () =>
    ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: findingKey(id), ConsistentRead: true })),
  );
  return output.Item;
}

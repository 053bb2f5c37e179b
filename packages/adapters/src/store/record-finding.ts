import { BatchGetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Finding } from '@trailwarden/core';
import { StoreConflictError } from '../errors.js';
import { run, runConditional, type StoreContext } from './context.js';
import { isoTime, newFindingItem, storedFindingFromItem } from './finding-item.js';
import { getFindingItem } from './finding-reads.js';
import { foldRepeat, type RecordPlan } from './fold-repeat.js';
import { dedupePointerKey, findingKey } from './keys.js';
import type { StoreRecordOptions as RecordOptions, RecordOutcome } from './ports.js';
import { TTL_ATTRIBUTE } from './table.js';

/**
 * Idempotent recording with single-item conditional writes only (dynalite has no
 * TransactWriteItems, and none is needed).
 *
 * A dedupe window is a pointer item `DEDUPE#<lane>#<dedupeKey>` naming the finding that owns
 * it, anchored at that finding's event time: events with `|time − anchor| < window` fold into
 * it. Suppressed and unsuppressed findings have separate lanes, so a suppressed finding never
 * swallows an unsuppressed event (say, after the suppression expired) and vice versa.
 *
 * 1. Claim: update the pointer to name this finding, on condition that there is none, or its
 *    window ended before this event (`windowEndsAt <= :t`), or it already names this finding
 *    (a redelivery, or a retry after a crash between the two writes). Then put
 *    `FINDING#<id>` with `attribute_not_exists(PK)`: success → `new`, failure → `duplicate`.
 * 2. Claim refused: one consistent BatchGet of the pointer and of this finding's own item.
 *    Own item present → `duplicate` (a redelivery arriving after a later window opened).
 *    An event from before the window (`t <= windowBeginsAt`, late delivery) → its own `new`
 *    finding, leaving the newer window in place. Otherwise fold into the pointed-at finding
 *    (fold-repeat.ts): `repeat`, `duplicate`, or a takeover of the window followed by 1.
 *
 * Windows run on event time (the finding's `time`), so a replay of an old archive folds the
 * same events the live pipeline folded; `options.now` only stamps `updatedAt`. A window of 0
 * minutes disables dedupe: every finding id is its own finding.
 */
export async function recordFinding(
  ctx: StoreContext,
  finding: Finding,
  options: RecordOptions,
): Promise<RecordOutcome> {
  const nowIso = isoTime(options.now, new Date(ctx.clock()).toISOString());
  const eventIso = isoTime(finding.time, nowIso);
  const lane = options.suppression ? 'suppressed' : 'active';
  const plan: RecordPlan = {
    finding,
    options,
    nowIso,
    eventIso,
    eventMs: Date.parse(eventIso),
    windowMs: Math.max(0, options.windowMinutes) * 60_000,
    eventId: finding.eventId || finding.id,
    lane,
    pointerKey: dedupePointerKey(`${lane}#${finding.dedupeKey}`),
  };
  if (plan.windowMs === 0) return putFinding(ctx, plan);
  const takeOver = async (from: string): Promise<RecordOutcome | 'reclaim'> =>
    (await claimWindow(ctx, plan, from)) ? putFinding(ctx, plan) : 'reclaim';
  for (let attempt = 1; attempt <= 6; attempt++) {
    if (await claimWindow(ctx, plan, undefined)) return putFinding(ctx, plan);
    const outcome = await afterRefusedClaim(ctx, plan, takeOver);
    if (outcome !== 'reclaim') return outcome;
  }
  throw new StoreConflictError('record', plan.pointerKey.PK, 6);
}

/** Step 1: point the window at this finding. `takeOverFrom` replaces a stale or closed owner. */
async function claimWindow(
  ctx: StoreContext,
  plan: RecordPlan,
  takeOverFrom: string | undefined,
): Promise<boolean> {
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
        Key: plan.pointerKey,
        UpdateExpression:
          'SET findingId = :id, windowBeginsAt = :begins, windowEndsAt = :ends, claimedAt = :now, #ttl = :ttl',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':id': plan.finding.id,
          ':begins': plan.eventMs - plan.windowMs,
          ':ends': windowEndsAt,
          ':now': plan.nowIso,
          ':ttl': expiresAt,
          ...(takeOverFrom === undefined ? { ':eventMs': plan.eventMs } : { ':old': takeOverFrom }),
        },
      }),
    ),
  );
  return result.ok;
}

/** Step 1, second write: the finding itself (also used for late events that keep the window). */
async function putFinding(ctx: StoreContext, plan: RecordPlan): Promise<RecordOutcome> {
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

/** Step 2: the window belongs to another finding (or this event predates it). */
async function afterRefusedClaim(
  ctx: StoreContext,
  plan: RecordPlan,
  takeOver: (from: string) => Promise<RecordOutcome | 'reclaim'>,
): Promise<RecordOutcome | 'reclaim'> {
  const ownKey = findingKey(plan.finding.id);
  const output = await run(ctx, 'BatchGetItem', () =>
    ctx.doc.send(
      new BatchGetCommand({
        RequestItems: { [ctx.table]: { Keys: [plan.pointerKey, ownKey], ConsistentRead: true } },
      }),
    ),
  );
  const items = output.Responses?.[ctx.table] ?? [];
  const own = items.find((item) => item.PK === ownKey.PK);
  if (own !== undefined) return { kind: 'duplicate', finding: storedFindingFromItem(own) };
  const pointer = items.find((item) => item.PK === plan.pointerKey.PK);
  const ownerId = typeof pointer?.findingId === 'string' ? pointer.findingId : undefined;
  // No pointer (expired by TTL a moment ago) or it names us (our own claim raced us): claim again.
  if (ownerId === undefined || ownerId === plan.finding.id) return 'reclaim';
  if (typeof pointer?.windowBeginsAt === 'number' && plan.eventMs <= pointer.windowBeginsAt) {
    return putFinding(ctx, plan);
  }
  return foldRepeat(ctx, plan, ownerId, takeOver);
}

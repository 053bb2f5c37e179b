import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CorruptItemError, StoreRequestError } from '../errors.js';
import { run, runConditional, type StoreContext } from './context.js';
import { describeIssues } from './finding-schema.js';
import { findingKey, REMEDIATION_PREFIX, remediationKey } from './keys.js';

/**
 * Audit records of remediation actions, stored beside their finding
 * (`PK = FINDING#<id>`, `SK = REMEDIATION#<time>#<actionId>`), so one Query returns a
 * finding's whole remediation history in time order. `plan` and `priorState` are kept as JSON
 * strings: their shape belongs to each action, and the prior state is what a revert restores.
 */

export const RemediationModeSchema = z.enum(['dry-run', 'auto']);
export const RemediationOutcomeSchema = z.object({
  status: z.enum(['planned', 'succeeded', 'failed', 'skipped']),
  /** Why it was skipped or how it failed; never secrets. */
  message: z.string().optional(),
});

export const RemediationAuditSchema = z.object({
  findingId: z.string().min(1),
  actionId: z.string().min(1),
  /** ISO-8601 time the action ran (or was planned). */
  at: z.string().min(1),
  mode: RemediationModeSchema,
  /** Who ran it: the remediator function's role, or the CLI user. */
  actor: z.string().min(1),
  /** What the action did or would do (JSON-serialisable, action-specific). */
  plan: z.unknown(),
  outcome: RemediationOutcomeSchema,
  /** The state before the action, enough to revert it (JSON-serialisable, action-specific). */
  priorState: z.unknown().optional(),
});
export type RemediationAudit = z.infer<typeof RemediationAuditSchema>;

const AuditItemSchema = z.object({
  PK: z.string(),
  SK: z.string(),
  findingId: z.string(),
  actionId: z.string(),
  at: z.string(),
  mode: RemediationModeSchema,
  actor: z.string(),
  plan: z.string(),
  outcome: RemediationOutcomeSchema,
  priorState: z.string().optional(),
});

/**
 * Writes one audit record; writing the same (finding, time, action) twice keeps the first
 * (a retried remediation invocation must not rewrite history). Returns whether it was written.
 *
 * @example
 * await putRemediationAudit(ctx, { findingId, actionId: 's3-restore-bucket-public-access-block', at, mode: 'auto',
 *   actor: 'arn:aws:sts::111122223333:assumed-role/trailwarden-remediator/fn', plan, outcome: { status: 'succeeded' }, priorState });
 */
export async function putRemediationAudit(ctx: StoreContext, audit: RemediationAudit): Promise<boolean> {
  const parsed = RemediationAuditSchema.safeParse(audit);
  if (!parsed.success) {
    throw new StoreRequestError(
      'PutItem',
      ctx.table,
      `invalid remediation audit: ${describeIssues(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  const valid = parsed.data;
  const item = {
    ...remediationKey(valid.findingId, valid.at, valid.actionId),
    type: 'remediation',
    findingId: valid.findingId,
    actionId: valid.actionId,
    at: valid.at,
    mode: valid.mode,
    actor: valid.actor,
    plan: JSON.stringify(valid.plan ?? null),
    outcome: valid.outcome,
    ...(valid.priorState === undefined ? {} : { priorState: JSON.stringify(valid.priorState) }),
  };
  const result = await runConditional(ctx, 'PutItem', () =>
    ctx.doc.send(
      new PutCommand({ TableName: ctx.table, Item: item, ConditionExpression: 'attribute_not_exists(SK)' }),
    ),
  );
  return result.ok;
}

/**
 * A finding's remediation audit records, oldest first.
 *
 * @example
 * const audits = await listRemediationAudits(ctx, finding.id);
 */
export async function listRemediationAudits(
  ctx: StoreContext,
  findingId: string,
): Promise<RemediationAudit[]> {
  const audits: RemediationAudit[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await run(ctx, 'Query', () =>
      ctx.doc.send(
        new QueryCommand({
          TableName: ctx.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': findingKey(findingId).PK, ':prefix': REMEDIATION_PREFIX },
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      ),
    );
    for (const item of output.Items ?? []) audits.push(auditFromItem(item));
    startKey = output.LastEvaluatedKey;
  } while (startKey !== undefined);
  return audits;
}

function auditFromItem(item: Record<string, unknown>): RemediationAudit {
  const key = `${String(item.PK)}/${String(item.SK)}`;
  const parsed = AuditItemSchema.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(key, describeIssues(parsed.error), { cause: parsed.error });
  const { PK: _pk, SK: _sk, plan, priorState, ...rest } = parsed.data;
  try {
    return {
      ...rest,
      plan: JSON.parse(plan) as unknown,
      ...(priorState === undefined ? {} : { priorState: JSON.parse(priorState) as unknown }),
    };
  } catch (error) {
    throw new CorruptItemError(key, 'plan or priorState is not JSON', { cause: error });
  }
}

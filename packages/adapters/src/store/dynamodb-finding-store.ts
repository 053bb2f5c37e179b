import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Category, Finding } from '@trailwarden/core';
import type { ResolveMatch } from '@trailwarden/core/pipeline';
import { FindingNotFoundError, InvalidTransitionError } from '../errors.js';
import { createStoreContext, run, runConditional, type StoreContext, type StoreOptions } from './context.js';
import { storedFindingFromItem, UNALERTED } from './finding-item.js';
import { getFindingItem } from './finding-reads.js';
import { findingKey } from './keys.js';
import { transitionFinding } from './lifecycle.js';
import { listAllFindings, listFindings, MAX_PAGE_SIZE } from './list-findings.js';
import type {
  FindingPage,
  FindingQuery,
  FindingStore,
  RecordOutcome,
  StoredFinding,
  StoreRecordOptions,
  TransitionRequest,
} from './ports.js';
import { recordFinding } from './record-finding.js';
import { listRemediationAudits, putRemediationAudit, type RemediationAudit } from './remediation-audit.js';
import { INDEX } from './table.js';

/**
 * The `FindingStore` on one DynamoDB table (layout in table.ts; dedupe algorithm in
 * record-finding.ts). The client is injected and shared: create it once per process.
 *
 * @example
 * const client = new DynamoDBClient({});
 * const store = new DynamoDbFindingStore(client, process.env.TABLE_NAME);
 * const outcome = await store.record(finding, { windowMinutes: 60, now: new Date().toISOString() });
 * if (outcome.kind === 'new') await publisher.publish([outcome.finding]);
 */
export class DynamoDbFindingStore implements FindingStore {
  readonly #ctx: StoreContext;

  constructor(client: DynamoDBClient, tableName: string, options: StoreOptions = {}) {
    this.#ctx = createStoreContext(client, tableName, options);
  }

  /** Idempotent: `new` once per finding id and window, `duplicate` on redelivery, `repeat` inside the window. */
  record(finding: Finding, options: StoreRecordOptions): Promise<RecordOutcome> {
    return recordFinding(this.#ctx, finding, options);
  }

  async get(id: string): Promise<StoredFinding | undefined> {
    const item = await getFindingItem(this.#ctx, id);
    return item === undefined ? undefined : storedFindingFromItem(item);
  }

  /** One page, newest first (a query without status, account or resource scans, unordered). */
  list(query: FindingQuery): Promise<FindingPage> {
    return listFindings(this.#ctx, query);
  }

  transition(id: string, request: TransitionRequest): Promise<StoredFinding> {
    return transitionFinding(this.#ctx, id, request);
  }

  /** Takes the finding out of the outbox. Idempotent: the first `alertedAt` is kept. */
  async markAlerted(id: string, at: string): Promise<void> {
    const result = await runConditional(this.#ctx, 'UpdateItem', () =>
      this.#ctx.doc.send(
        new UpdateCommand({
          TableName: this.#ctx.table,
          Key: findingKey(id),
          UpdateExpression:
            'SET alerted = :true, alertedAt = if_not_exists(alertedAt, :at), updatedAt = :at REMOVE unalerted',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':true': true, ':at': at },
        }),
      ),
    );
    if (!result.ok) throw new FindingNotFoundError(id);
  }

  /** The outbox: recorded, not suppressed, not yet accepted by a publisher; oldest event first. */
  async listUnalerted(limit: number): Promise<readonly StoredFinding[]> {
    const wanted = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await run(this.#ctx, 'Query', () =>
        this.#ctx.doc.send(
          new QueryCommand({
            TableName: this.#ctx.table,
            IndexName: INDEX.unalerted,
            KeyConditionExpression: 'unalerted = :pending',
            ExpressionAttributeValues: { ':pending': UNALERTED },
            ScanIndexForward: true,
            Limit: wanted - items.length,
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        ),
      );
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined && items.length < wanted);
    return items.map(storedFindingFromItem);
  }

  /**
   * AWS Config said `COMPLIANT`: resolve the open or acknowledged findings on this resource
   * (the first resource ARN, which the `by-resource` index keys on) in this account and region,
   * optionally only one category, and with `match` only one rule's findings with one dedupe
   * key. A finding that another writer resolved or suppressed meanwhile is skipped. Returns the
   * findings it resolved.
   *
   * @example
   * await store.resolveOpenByResource('111122223333', 'us-east-1', 'arn:aws:s3:::logs', 'noncompliant_resource',
   *   'aws-config', event.time, { ruleId: 'config-rule-noncompliant', dedupeKey });
   */
  async resolveOpenByResource(
    account: string,
    region: string,
    resource: string,
    category: Category | undefined,
    by: string,
    now: string,
    match: ResolveMatch = {},
  ): Promise<readonly StoredFinding[]> {
    const candidates = await listAllFindings(this.#ctx, { resource, account });
    const resolved: StoredFinding[] = [];
    for (const finding of candidates) {
      const matches =
        finding.region === region &&
        (finding.status === 'open' || finding.status === 'acknowledged') &&
        (category === undefined || finding.category === category) &&
        (match.ruleId === undefined || finding.ruleId === match.ruleId) &&
        (match.dedupeKey === undefined || finding.dedupeKey === match.dedupeKey);
      if (!matches) continue;
      try {
        const reason = match.reason ?? 'AWS Config evaluated the resource as COMPLIANT';
        resolved.push(await transitionFinding(this.#ctx, finding.id, { to: 'resolved', by, now, reason }));
      } catch (error) {
        if (!(error instanceof InvalidTransitionError)) throw error;
      }
    }
    return resolved;
  }

  /** Records one remediation action beside its finding; false when this exact record exists already. */
  putRemediationAudit(audit: RemediationAudit): Promise<boolean> {
    return putRemediationAudit(this.#ctx, audit);
  }

  /** A finding's remediation records, oldest first. */
  listRemediationAudits(findingId: string): Promise<RemediationAudit[]> {
    return listRemediationAudits(this.#ctx, findingId);
  }
}

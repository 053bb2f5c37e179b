import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { severityRank, stableHash } from '@trailwarden/core';
import { run, type StoreContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { storedFindingFromItem } from './finding-item.js';
import { FINDING_SK } from './keys.js';
import type { FindingPage, FindingQuery, StoredFinding } from './ports.js';
import { INDEX, INDEX_KEYS, type IndexName } from './table.js';

/** Page size when the query names none, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** A filtered page stops after this many requests and returns what it has, with a cursor. */
const MAX_REQUESTS_PER_PAGE = 25;

/**
 * How a query is answered, most selective access path first:
 * resource → `by-resource`; account → `by-account`; status open → `open-by-severity` (severity
 * becomes a key prefix); another status → `by-status`; nothing → a filtered Scan (unordered).
 * Whatever the path does not key on becomes a FilterExpression. Index pages are newest first.
 */
export interface QueryPlan {
  readonly id: string;
  readonly index: IndexName | undefined;
  readonly keyCondition?: string;
  readonly filters: readonly string[];
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
  readonly forward: boolean;
}

/** Chooses the access path for a query (pure; exported for tests). */
export function planQuery(query: FindingQuery): QueryPlan {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const bind = (attribute: string, value: unknown): [string, string] => {
    const n = `#a${Object.keys(names).length}`;
    const v = `:v${Object.keys(values).length}`;
    names[n] = attribute;
    values[v] = value;
    return [n, v];
  };
  const equal = (attribute: string, value: unknown) => {
    const [n, v] = bind(attribute, value);
    return `${n} = ${v}`;
  };

  let index: IndexName | undefined;
  let keyCondition: string | undefined;
  if (query.resource !== undefined) {
    index = INDEX.byResource;
    keyCondition = equal('resource', query.resource);
  } else if (query.account !== undefined) {
    index = INDEX.byAccount;
    keyCondition = equal('account', query.account);
  } else if (query.status === 'open') {
    index = INDEX.openBySeverity;
    keyCondition = equal('status', 'open');
    if (query.severity !== undefined) {
      const [n, v] = bind('openSk', `${severityRank(query.severity)}#`);
      keyCondition += ` AND begins_with(${n}, ${v})`;
    }
  } else if (query.status !== undefined) {
    index = INDEX.byStatus;
    keyCondition = equal('status', query.status);
  } else {
    filters.push(equal('SK', FINDING_SK));
  }
  if (query.status !== undefined && index !== INDEX.byStatus && index !== INDEX.openBySeverity) {
    filters.push(equal('status', query.status));
  }
  if (query.severity !== undefined && index !== INDEX.openBySeverity)
    filters.push(equal('severity', query.severity));
  if (query.account !== undefined && index !== INDEX.byAccount) filters.push(equal('account', query.account));

  const id = stableHash(
    [index ?? 'scan', query.status ?? '', query.severity ?? '', query.account ?? '', query.resource ?? ''],
    16,
  );
  return { id, index, keyCondition, filters, names, values, forward: false };
}

/**
 * One page of findings for a query.
 *
 * @example
 * const page = await listFindings(ctx, { status: 'open', severity: 'critical', limit: 20 });
 * const next = page.cursor ? await listFindings(ctx, { status: 'open', severity: 'critical', cursor: page.cursor }) : undefined;
 */
export async function listFindings(ctx: StoreContext, query: FindingQuery): Promise<FindingPage> {
  const plan = planQuery(query);
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  let startKey: Record<string, unknown> | undefined =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, plan.id);
  const items: Record<string, unknown>[] = [];
  for (let request = 0; request < MAX_REQUESTS_PER_PAGE; request++) {
    const remaining = limit - items.length;
    // With filters, evaluate more than needed per request; the cursor then points at the last kept item.
    const evaluate = plan.filters.length > 0 ? Math.max(remaining, 100) : remaining;
    const page = await fetchPage(ctx, plan, evaluate, startKey);
    for (const item of page.items) {
      if (items.length === limit)
        return { items: items.map(storedFindingFromItem), cursor: cursorAt(plan, items) };
      items.push(item);
    }
    startKey = page.lastKey;
    if (startKey === undefined) return { items: items.map(storedFindingFromItem) };
    if (items.length === limit) {
      return { items: items.map(storedFindingFromItem), cursor: encodeCursor(plan.id, startKey) };
    }
  }
  return {
    items: items.map(storedFindingFromItem),
    ...(startKey === undefined ? {} : { cursor: encodeCursor(plan.id, startKey) }),
  };
}

/** Pages through every match of a query (bounded by `max`), for bulk operations such as Config resolution. */
export async function listAllFindings(
  ctx: StoreContext,
  query: FindingQuery,
  max = 10_000,
): Promise<StoredFinding[]> {
  const all: StoredFinding[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFindings(ctx, { ...query, limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && all.length < max);
  return all;
}

async function fetchPage(
  ctx: StoreContext,
  plan: QueryPlan,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  const common = {
    TableName: ctx.table,
    Limit: limit,
    ExpressionAttributeNames: { ...plan.names },
    ExpressionAttributeValues: { ...plan.values },
    ...(plan.filters.length > 0 ? { FilterExpression: plan.filters.join(' AND ') } : {}),
    ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
  };
  const output =
    plan.index === undefined
      ? await run(ctx, 'Scan', () => ctx.doc.send(new ScanCommand(common)))
      : await run(ctx, 'Query', () =>
          ctx.doc.send(
            new QueryCommand({
              ...common,
              IndexName: plan.index,
              KeyConditionExpression: plan.keyCondition,
              ScanIndexForward: plan.forward,
            }),
          ),
        );
  return { items: output.Items ?? [], lastKey: output.LastEvaluatedKey };
}

/** The cursor that resumes right after the last item kept on this page. */
function cursorAt(plan: QueryPlan, items: readonly Record<string, unknown>[]): string {
  const last = items[items.length - 1] ?? {};
  const names = ['PK', 'SK', ...(plan.index === undefined ? [] : INDEX_KEYS[plan.index])];
  return encodeCursor(plan.id, Object.fromEntries(names.map((name) => [name, last[name]])));
}

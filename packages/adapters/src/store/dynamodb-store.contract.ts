import { createServer } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDb, localDynamoDbClientConfig } from '@trailwarden/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import { describeStatePortContract } from './state-port.contract.js';
import { describeFindingStoreContract } from './store.contract.js';
import { BASE_FINDING, findingFor, minutesAfter, recordOptions } from './store-test-data.js';
import { ensureTable, INDEX } from './table.js';

/**
 * Runs the FindingStore contract and the DynamoDB-specific checks (crash healing, errors at the
 * endpoint boundary, Config resolution, remediation audits, state and counters) against one
 * local server, started once for the file and stopped at the end. Every test gets a new table.
 */
export function describeDynamoDbStoreContract(name: string, start: () => Promise<LocalDynamoDb>): void {
  let server: LocalDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  let tables = 0;
  beforeAll(async () => {
    server = await start();
    client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  const local = () => {
    if (server === undefined || client === undefined) throw new Error(`${name} did not start`);
    return { server, client };
  };
  const freshTable = async () => {
    const table = `findings-${++tables}`;
    await ensureTable(local().client, table);
    return table;
  };

  describeFindingStoreContract(
    name,
    async () => new DynamoDbFindingStore(local().client, await freshTable()),
  );
  describeStatePortContract(name, () => local().client, freshTable);

  describe(`${name}: DynamoDB finding store`, () => {
    it('creates the table with its five indexes, idempotently', async () => {
      const table = await freshTable();

      await ensureTable(local().client, table);

      const { Table } = await local().client.send(new DescribeTableCommand({ TableName: table }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        Object.values(INDEX).sort(),
      );
    });

    it('heals a crash between the window claim and the finding write when the event is redelivered', async () => {
      // Prepare: the finding write fails as if the connection dropped after the claim.
      const table = await freshTable();
      const crashing = new DynamoDbFindingStore(clientFailingPutOnce(local().server.endpoint), table);
      const store = new DynamoDbFindingStore(local().client, table);
      const finding = findingFor({ event: 'evt-crash' });
      await expect(crashing.record(finding, recordOptions())).rejects.toMatchObject({
        name: 'StoreUnavailableError',
      });
      expect(await store.get(finding.id)).toBeUndefined();

      // Act
      const redelivered = await store.record(finding, recordOptions());

      // Assess
      expect(redelivered).toMatchObject({ kind: 'new', finding: { id: finding.id, count: 1 } });
    });

    it('takes over a window whose claimer crashed, then counts the crashed event as a repeat', async () => {
      const table = await freshTable();
      const crashing = new DynamoDbFindingStore(clientFailingPutOnce(local().server.endpoint), table);
      const store = new DynamoDbFindingStore(local().client, table, {
        inFlightAttempts: 3,
        inFlightBaseDelayMs: 5,
      });
      const crashed = findingFor({ event: 'evt-lost', key: 'k-takeover' });
      await expect(crashing.record(crashed, recordOptions())).rejects.toMatchObject({
        name: 'StoreUnavailableError',
      });

      const next = await store.record(
        findingFor({ event: 'evt-next', key: 'k-takeover', minute: 2 }),
        recordOptions(),
      );
      const redelivered = await store.record(crashed, recordOptions());

      expect(next.kind).toBe('new');
      expect(redelivered).toMatchObject({ kind: 'repeat', finding: { id: next.finding.id, count: 2 } });
    });

    it('remembers at most seenEventsCap event ids: beyond it a redelivered repeat is counted again', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable(), { seenEventsCap: 3 });
      const events = ['cap-0', 'cap-1', 'cap-2', 'cap-3', 'cap-4'].map((event, minute) =>
        findingFor({ event, key: 'k-cap', minute }),
      );
      for (const finding of events) await store.record(finding, recordOptions());

      const remembered = await store.record(events[1] ?? BASE_FINDING, recordOptions());
      const forgotten = await store.record(events[4] ?? BASE_FINDING, recordOptions());

      expect(remembered).toMatchObject({ kind: 'duplicate', finding: { count: 5 } });
      expect(forgotten).toMatchObject({ kind: 'repeat', finding: { count: 6 } });
    });

    it('stores oversized evidence as a note instead of failing the write', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable());
      const finding = { ...findingFor({ event: 'evt-huge' }), context: { blob: 'x'.repeat(300 * 1024) } };

      const outcome = await store.record(finding, recordOptions());

      expect(outcome.kind).toBe('new');
      expect((await store.get(finding.id))?.context).toMatchObject({ truncated: true });
    });

    it('resolves the open and acknowledged findings of a COMPLIANT resource, and nothing else', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable());
      const resource = 'arn:aws:s3:::example-logs';
      const record = (event: string, extra: Parameters<typeof findingFor>[0] = { event }) =>
        store.record(
          findingFor({ ...extra, event, key: `k-${event}`, resource: extra.resource ?? resource }),
          recordOptions(),
        );
      const open = await record('cfg-open');
      const acknowledged = await record('cfg-ack');
      await store.transition(acknowledged.finding.id, {
        to: 'acknowledged',
        by: 'bob',
        now: minutesAfter(2),
      });
      const otherRegion = await record('cfg-region', { event: 'cfg-region', region: 'eu-west-1' });
      const otherAccount = await record('cfg-account', { event: 'cfg-account', account: '444455556666' });
      const otherResource = await record('cfg-resource', {
        event: 'cfg-resource',
        resource: 'arn:aws:s3:::other',
      });
      const otherCategory = await record('cfg-category', {
        event: 'cfg-category',
        category: 'noncompliant_resource',
      });

      const resolved = await store.resolveOpenByResource(
        '111122223333',
        'us-east-1',
        resource,
        's3_public_exposure',
        'aws-config',
        minutesAfter(5),
      );

      expect(resolved.map((finding) => finding.id).sort()).toEqual(
        [open.finding.id, acknowledged.finding.id].sort(),
      );
      expect(resolved[0]?.history.at(-1)).toMatchObject({ to: 'resolved', by: 'aws-config' });
      for (const other of [otherRegion, otherAccount, otherResource, otherCategory]) {
        expect((await store.get(other.finding.id))?.status).toBe('open');
      }
    });

    it('narrows COMPLIANT resolution to one rule and dedupe key when asked', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable());
      const resource = 'arn:aws:s3:::example-logs';
      const mine = await store.record(
        findingFor({ event: 'm-1', key: 'config#rule-a', ruleId: 'config-rule-noncompliant' }),
        recordOptions(),
      );
      const otherRule = await store.record(
        findingFor({ event: 'm-2', key: 'config#rule-b', ruleId: 'config-rule-noncompliant' }),
        recordOptions(),
      );

      const resolved = await store.resolveOpenByResource(
        '111122223333',
        'us-east-1',
        resource,
        undefined,
        'aws-config',
        minutesAfter(5),
        {
          ruleId: 'config-rule-noncompliant',
          dedupeKey: 'config#rule-a',
          reason: 'Config rule rule-a: COMPLIANT',
        },
      );

      expect(resolved.map((finding) => finding.id)).toEqual([mine.finding.id]);
      expect(resolved[0]?.history.at(-1)?.reason).toBe('Config rule rule-a: COMPLIANT');
      expect((await store.get(otherRule.finding.id))?.status).toBe('open');
    });

    it('keeps remediation audit records beside their finding, oldest first, written once', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable());
      const { finding } = await store.record(findingFor({ event: 'evt-remediated' }), recordOptions());
      const audit = {
        findingId: finding.id,
        actionId: 's3-remove-public-policy-statements',
        mode: 'auto' as const,
        actor: 'arn:aws:sts::111122223333:assumed-role/trailwarden-remediator/remediate',
        plan: { removeStatements: ['PublicRead'] },
        priorState: {
          policy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow' }] },
        },
      };

      const first = await store.putRemediationAudit({
        ...audit,
        at: minutesAfter(3),
        outcome: { status: 'succeeded' },
      });
      const dryRun = await store.putRemediationAudit({
        ...audit,
        mode: 'dry-run',
        at: minutesAfter(1),
        outcome: { status: 'planned' },
      });
      const again = await store.putRemediationAudit({
        ...audit,
        at: minutesAfter(3),
        outcome: { status: 'failed' },
      });

      expect([first, dryRun, again]).toEqual([true, true, false]);
      const audits = await store.listRemediationAudits(finding.id);
      expect(audits.map((a) => [a.mode, a.outcome.status])).toEqual([
        ['dry-run', 'planned'],
        ['auto', 'succeeded'],
      ]);
      expect(audits[1]).toMatchObject({ priorState: audit.priorState, plan: audit.plan });
      expect((await store.list({ limit: 100 })).items.map((f) => f.id)).toEqual([finding.id]);
    });

    it('refuses a cursor from another query or not from this store', async () => {
      const store = new DynamoDbFindingStore(local().client, await freshTable());
      for (const event of ['cur-1', 'cur-2', 'cur-3']) {
        await store.record(findingFor({ event, key: `k-${event}` }), recordOptions());
      }
      const { cursor } = await store.list({ status: 'open', limit: 1 });

      await expect(store.list({ status: 'resolved', cursor: cursor ?? '' })).rejects.toMatchObject({
        name: 'InvalidCursorError',
      });
      await expect(store.list({ status: 'open', cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
        name: 'InvalidCursorError',
      });
    });

    it('names a missing table and how to create it', async () => {
      const store = new DynamoDbFindingStore(local().client, 'no-such-table');

      await expect(store.get('anything')).rejects.toThrow(/no-such-table.*ensureTable/);
    });

    it('turns an unreachable endpoint into StoreUnavailableError naming it, for every operation', async () => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const down = new DynamoDBClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
      const store = new DynamoDbFindingStore(down, 'findings');
      const now = minutesAfter(1);

      const calls = [
        store.record(findingFor({ event: 'evt-down' }), recordOptions()),
        store.get('f'),
        store.list({ status: 'open' }),
        store.transition('f', { to: 'resolved', by: 'bob', now }),
        store.markAlerted('f', now),
        store.listUnalerted(10),
        ensureTable(down, 'findings'),
      ];

      for (const call of calls) {
        await expect(call).rejects.toMatchObject({ name: 'StoreUnavailableError', endpoint });
      }
      down.destroy();
    });
  });
}

/** A client whose first PutItem fails like a dropped connection, before reaching the server. */
function clientFailingPutOnce(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
  let armed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (armed && /^Put(Item)?Command$/.test(context.commandName ?? '')) {
        armed = false;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failPutOnce' },
  );
  return client;
}

/** A port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

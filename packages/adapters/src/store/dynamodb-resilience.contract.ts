import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { put, stateKey } from '@trailwarden/core';
import { localDynamoDbClientConfig } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import { DynamoDbStatePort } from './dynamodb-state-port.js';
import { BASE_FINDING, findingFor, minutesAfter, recordOptions } from './store-test-data.js';
import { ensureTable } from './table.js';

/** What the DynamoDB-specific contracts need from the file that started the server. */
export interface LocalTables {
  readonly client: () => DynamoDBClient;
  readonly endpoint: () => string;
  /** Creates a new, empty findings table and returns its name. */
  readonly freshTable: () => Promise<string>;
}

/** Failures at the boundary: crashes between the two writes, the seen-set cap, missing tables, a dead endpoint. */
export function describeDynamoDbResilienceContract(name: string, env: LocalTables): void {
  describe(`${name}: DynamoDB store failures`, () => {
    it('heals a crash between the window claim and the finding write when the event is redelivered', async () => {
      // Prepare: the finding write fails as if the connection dropped after the claim.
      const table = await env.freshTable();
      const crashing = new DynamoDbFindingStore(clientFailingPutOnce(env.endpoint()), table);
      const store = new DynamoDbFindingStore(env.client(), table);
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
      const table = await env.freshTable();
      const crashing = new DynamoDbFindingStore(clientFailingPutOnce(env.endpoint()), table);
      const store = new DynamoDbFindingStore(env.client(), table, {
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
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable(), { seenEventsCap: 3 });
      const events = ['cap-0', 'cap-1', 'cap-2', 'cap-3', 'cap-4'].map((event, minute) =>
        findingFor({ event, key: 'k-cap', minute }),
      );
      for (const finding of events) await store.record(finding, recordOptions());

      const remembered = await store.record(events[1] ?? BASE_FINDING, recordOptions());
      const forgotten = await store.record(events[4] ?? BASE_FINDING, recordOptions());

      expect(remembered).toMatchObject({ kind: 'duplicate', finding: { count: 5 } });
      expect(forgotten).toMatchObject({ kind: 'repeat', finding: { count: 6 } });
    });

    it('names a missing table and how to create it', async () => {
      const store = new DynamoDbFindingStore(env.client(), 'no-such-table');

      await expect(store.get('anything')).rejects.toThrow(/no-such-table.*ensureTable/);
    });

    it('turns an unreachable endpoint into StoreUnavailableError naming it, for every operation', async () => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const down = new DynamoDBClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
      const store = new DynamoDbFindingStore(down, 'findings');
      const state = new DynamoDbStatePort(down, 'findings');
      const now = minutesAfter(1);

      const calls = [
        store.record(findingFor({ event: 'evt-down' }), recordOptions()),
        store.get('f'),
        store.list({ status: 'open' }),
        store.transition('f', { to: 'resolved', by: 'bob', now }),
        store.markAlerted('f', now),
        store.listUnalerted(10),
        ensureTable(down, 'findings'),
        state.load(['password-policy#111122223333']),
        state.apply([put(stateKey<number>('k'), 1)]),
        state.increment({ key: 'console-login-failure#198.51.100.7', windowSeconds: 300 }, Date.now()),
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

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { forget, put, stateKey } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { DynamoDbStatePort } from './dynamodb-state-port.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-02T10:00:00Z');

interface PasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
}
const policyKey = (account: string) => stateKey<PasswordPolicy>('password-policy', account);

/** The `StatePort` on DynamoDB: state items and sliding-window counters. */
export function describeStatePortContract(
  name: string,
  client: () => DynamoDBClient,
  freshTable: () => Promise<string>,
): void {
  describe(`${name}: DynamoDB state port`, () => {
    it('returns only the keys that are stored, with their JSON values', async () => {
      // Prepare
      const state = new DynamoDbStatePort(client(), await freshTable());
      const value: PasswordPolicy = { minimumPasswordLength: 14, requireSymbols: true };
      await state.apply([put(policyKey('111122223333'), value)]);

      // Act
      const loaded = await state.load([policyKey('111122223333').key, policyKey('444455556666').key]);

      // Assess
      expect([...loaded.entries()]).toEqual([[policyKey('111122223333').key, value]]);
    });

    it('applies puts and deletes; the last update of a key in one call wins', async () => {
      const state = new DynamoDbStatePort(client(), await freshTable());
      const a = policyKey('111122223333');
      const b = policyKey('444455556666');
      await state.apply([put(a, { minimumPasswordLength: 8, requireSymbols: false })]);

      await state.apply([
        forget(a),
        put(b, { minimumPasswordLength: 10, requireSymbols: false }),
        put(b, { minimumPasswordLength: 16, requireSymbols: true }),
      ]);

      const loaded = await state.load([a.key, b.key]);
      expect(loaded.has(a.key)).toBe(false);
      expect(loaded.get(b.key)).toEqual({ minimumPasswordLength: 16, requireSymbols: true });
    });

    it('loads and applies more keys than one batch holds', async () => {
      const state = new DynamoDbStatePort(client(), await freshTable());
      const keys = Array.from({ length: 130 }, (_, i) => stateKey<{ i: number }>('bench', String(i)));

      await state.apply(keys.map((key, i) => put(key, { i })));
      const loaded = await state.load(keys.map((key) => key.key));

      expect(loaded.size).toBe(130);
      expect(loaded.get(keys[129]?.key ?? '')).toEqual({ i: 129 });
    });

    it('counts occurrences inside a sliding window and forgets those that left it', async () => {
      const state = new DynamoDbStatePort(client(), await freshTable());
      const counter = { key: 'console-login-failure#198.51.100.7', windowSeconds: 300 };

      const counts = [];
      for (const minute of [0, 1, 2, 4]) counts.push(await state.increment(counter, T0 + minute * MINUTE));
      const afterWindow = await state.increment(counter, T0 + 10 * MINUTE);
      const straddling = await state.increment(counter, T0 + 12 * MINUTE);

      expect(counts).toEqual([1, 2, 3, 4]);
      expect(afterWindow).toBe(1);
      expect(straddling).toBe(2);
    });

    it('keeps counters of different keys and windows apart', async () => {
      const state = new DynamoDbStatePort(client(), await freshTable());

      await state.increment({ key: 'unauthorized#alice', windowSeconds: 600 }, T0);
      const other = await state.increment({ key: 'unauthorized#bob', windowSeconds: 600 }, T0);
      const otherWindow = await state.increment({ key: 'unauthorized#alice', windowSeconds: 60 }, T0);

      expect([other, otherWindow]).toEqual([1, 1]);
    });

    it('counts 20 concurrent increments exactly', async () => {
      const state = new DynamoDbStatePort(client(), await freshTable());
      const counter = { key: 'console-login-failure#root', windowSeconds: 900 };

      const results = await Promise.all(Array.from({ length: 20 }, () => state.increment(counter, T0)));

      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await state.increment(counter, T0 + 30_000)).toBe(21);
    });
  });
}

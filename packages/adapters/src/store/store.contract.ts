import { beforeEach, describe } from 'vitest';
import { describeLifecycleContract } from './lifecycle.contract.js';
import { describeListContract } from './list.contract.js';
import type { FindingStore } from './ports.js';
import { describeRecordContract } from './record.contract.js';

/**
 * The behaviour every `FindingStore` must have, whatever holds the data: idempotent recording
 * (new / duplicate / repeat, windows on event time, suppression, 50-way concurrency), the
 * lifecycle with its refusals and races, the alert outbox, and list queries with paging.
 * `makeStore` is called before each test and must return an empty store.
 *
 * @example
 * describeFindingStoreContract('dynalite', async () => new DynamoDbFindingStore(client, await freshTable()));
 */
export function describeFindingStoreContract(name: string, makeStore: () => Promise<FindingStore>): void {
  describe(`${name}: FindingStore contract`, () => {
    let current: FindingStore | undefined;
    beforeEach(async () => {
      current = await makeStore();
    });
    const store = (): FindingStore => {
      if (current === undefined) throw new Error('the contract store is created in beforeEach');
      return current;
    };
    describeRecordContract(store);
    describeLifecycleContract(store);
    describeListContract(store);
  });
}

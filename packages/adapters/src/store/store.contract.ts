import { describe } from 'vitest';
import { describeLifecycleContract } from './lifecycle.contract.js';
import { describeListContract } from './list.contract.js';
import type { FindingStore } from './ports.js';
import { describeRecordContract } from './record.contract.js';

/**
 * The behaviour every `FindingStore` must have, whatever holds the data: idempotent recording
 * (new / duplicate / repeat, windows on event time, suppression, 50-way concurrency), the
 * lifecycle with its refusals and races, the alert outbox, and list queries with paging.
 * `makeStore` must return a new, empty store each time it is called.
 *
 * @example
 * describeFindingStoreContract('dynalite', async () => new DynamoDbFindingStore(client, await freshTable()));
 */
export function describeFindingStoreContract(name: string, makeStore: () => Promise<FindingStore>): void {
  describe(`${name}: FindingStore contract`, () => {
    describeRecordContract(makeStore);
    describeLifecycleContract(makeStore);
    describeListContract(makeStore);
  });
}

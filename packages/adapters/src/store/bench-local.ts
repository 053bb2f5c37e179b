import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig, startDynalite, startDynamoDbLocal } from '@trailwarden/testing';
import { benchRecord } from './bench.js';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import { ensureTable } from './table.js';

/**
 * Runs {@link benchRecord} against a local server and prints one line per run:
 * `pnpm exec tsx packages/adapters/src/store/bench-local.ts [dynamodb-local|dynalite] [n]`.
 * A warm-up run goes first (the JVM of DynamoDB Local is slow until it has compiled its hot paths).
 */
async function main(): Promise<void> {
  const kind = process.argv[2] === 'dynalite' ? 'dynalite' : 'dynamodb-local';
  const n = Number(process.argv[3] ?? 1000);
  const server = kind === 'dynalite' ? await startDynalite() : await startDynamoDbLocal();
  const client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
  try {
    await ensureTable(client, 'bench');
    const store = new DynamoDbFindingStore(client, 'bench');
    await benchRecord(store, Math.min(n, 300), 8);
    for (const [concurrency, repeatEvery] of [
      [1, 0],
      [8, 0],
      [32, 0],
      [8, 2],
      [32, 2],
    ] as const) {
      const result = await benchRecord(store, n, concurrency, { repeatEvery });
      const mix = repeatEvery === 0 ? 'all new' : `1 in ${repeatEvery} a repeat`;
      process.stdout.write(
        `${kind} n=${n} concurrency=${concurrency} (${mix}): ${result.findingsPerSecond.toFixed(0)} findings/s ` +
          `(${(result.elapsedMs / n).toFixed(1)} ms per finding of wall time) ${JSON.stringify(result.outcomes)}\n`,
      );
    }
  } finally {
    client.destroy();
    await server.stop();
  }
}

await main();

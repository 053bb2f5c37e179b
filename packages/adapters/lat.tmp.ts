import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClientConfig, startDynamoDbLocal } from '@trailwarden/testing';
import { ensureTable } from './src/store/table.js';
import { DynamoDbFindingStore } from './src/store/dynamodb-finding-store.js';
import { benchRecord } from './src/store/bench.js';
let t = performance.now();
const server = await startDynamoDbLocal();
console.log('start', performance.now() - t);
const client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
for (let i = 0; i < 5; i++) { t = performance.now(); await ensureTable(client, 'abc' + i); console.log('ensureTable', performance.now() - t); }
const store = new DynamoDbFindingStore(client, 'abc0');
for (const c of [1, 8, 1, 8, 32]) { const r = await benchRecord(store, 300, c); console.log(c, r.findingsPerSecond.toFixed(0), r.outcomes); }
t = performance.now();
for (let i = 0; i < 50; i++) await store.get('x' + i);
console.log('get', (performance.now() - t) / 50);
client.destroy(); await server.stop();

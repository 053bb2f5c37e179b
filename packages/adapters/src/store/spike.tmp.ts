import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClientConfig, startDynalite, startDynamoDbLocal } from '../../../testing/src/local-dynamodb.js';

for (const start of [startDynalite, startDynamoDbLocal]) {
  const t0 = Date.now();
  const server = await start();
  console.log(server.kind, 'started in', Date.now() - t0);
  const client = new DynamoDBClient(localDynamoDbClientConfig(server.endpoint));
  const doc = DynamoDBDocumentClient.from(client);
  await client.send(new CreateTableCommand({ TableName: 'tbl', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }, { AttributeName: 'SK', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'gs', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 'gs', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }] }));
  try { await client.send(new UpdateTimeToLiveCommand({ TableName: 'tbl', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } })); console.log('ttl ok'); } catch (e) { console.log('ttl err', (e as Error).name, (e as Error).message); }
  await doc.send(new PutCommand({ TableName: 'tbl', Item: { PK: 'a', SK: 'F', seen: new Set(['e1']), history: [], count: 1, lastSeen: '2024', g: 'OPEN', gs: '1#x' } }));
  const r = await doc.send(new UpdateCommand({ TableName: 'tbl', Key: { PK: 'a', SK: 'F' }, UpdateExpression: 'ADD #c :one, seen :s SET lastSeen = :t, history = list_append(history, :h) REMOVE g', ConditionExpression: 'attribute_exists(PK) AND NOT contains(seen, :e) AND size(seen) < :cap AND lastSeen < :t AND (#st IN (:o, :p) OR attribute_not_exists(#st))',
    ExpressionAttributeNames: { '#c': 'count', '#st': 'status' }, ExpressionAttributeValues: { ':one': 1, ':s': new Set(['e2']), ':e': 'e2', ':cap': 1000, ':t': '2025', ':h': [{ from: 'open' }], ':o': 'open', ':p': 'ack' }, ReturnValues: 'ALL_NEW' }));
  console.log(r.Attributes);
  try {
    await doc.send(new UpdateCommand({ TableName: 'tbl', Key: { PK: 'a', SK: 'F' }, UpdateExpression: 'ADD #c :one', ConditionExpression: 'NOT contains(seen, :e)', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':one': 1, ':e': 'e2' }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
  } catch (e) { console.log('ccf', (e as Error).name, Object.keys((e as object)), (e as { Item?: unknown }).Item !== undefined); }
  const b = await doc.send(new BatchGetCommand({ RequestItems: { tbl: { Keys: [{ PK: 'a', SK: 'F' }, { PK: 'zz', SK: 'F' }], ConsistentRead: true } } }));
  console.log('batch', b.Responses?.tbl?.length);
  const cl = await doc.send(new UpdateCommand({ TableName: 'tbl', Key: { PK: 'D', SK: 'D' }, UpdateExpression: 'SET f = :id, w = :w', ConditionExpression: 'attribute_not_exists(PK) OR w < :t OR f = :id', ExpressionAttributeValues: { ':id': 'x', ':w': 5, ':t': 3 } }));
  console.log('claim ok', cl.$metadata.httpStatusCode);
  const q = await doc.send(new QueryCommand({ TableName: 'tbl', IndexName: 'gsi1', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'OPEN' } }));
  console.log('q', q.Count);
  await server.stop();
}

import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreRequestError, StoreUnavailableError } from '../errors.js';
import { conditionFailed, conditionFailureItem, describeEndpoint, storeError } from './sdk-errors.js';

const metadata = { httpStatusCode: 400, requestId: 'REQ1', attempts: 1, totalRetryDelay: 0 };
const local = new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000', region: 'us-east-1' });
const regional = new DynamoDBClient({ region: 'eu-west-1' });
afterAll(() => {
  local.destroy();
  regional.destroy();
});

describe('storeError', () => {
  it('turns a connection failure into StoreUnavailableError naming endpoint, operation and table', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });

    const error = await storeError(local, 'PutItem', 'findings', refused);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toBe(
      'DynamoDB at http://127.0.0.1:8000 is unavailable (PutItem on table findings): connect ECONNREFUSED 127.0.0.1:8000',
    );
    expect(error.cause).toBe(refused);
  });

  it('treats throttling that outlasted the SDK retries as unavailability', async () => {
    const throttled = new ProvisionedThroughputExceededException({
      message: 'slow down',
      $metadata: metadata,
    });

    expect(await storeError(regional, 'UpdateItem', 'findings', throttled)).toMatchObject({
      name: 'StoreUnavailableError',
      endpoint: 'https://dynamodb.eu-west-1.amazonaws.com',
    });
  });

  it('turns a refused request into StoreRequestError, with a hint for a missing table', async () => {
    const missing = new ResourceNotFoundException({
      message: 'Requested resource not found',
      $metadata: metadata,
    });

    const error = await storeError(local, 'GetItem', 'findings', missing);

    expect(error).toBeInstanceOf(StoreRequestError);
    expect(error.message).toMatch(
      /^GetItem on table findings failed: ResourceNotFoundException: .*ensureTable/,
    );
  });

  it('passes domain errors through unchanged', async () => {
    const already = new StoreRequestError('Query', 'findings', 'bad');

    expect(await storeError(local, 'Query', 'findings', already)).toBe(already);
  });
});

describe('conditional check failures', () => {
  it('recognises them and unmarshalls the item DynamoDB returned', () => {
    const failed = new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: metadata,
      Item: { PK: { S: 'FINDING#f1' }, count: { N: '3' } },
    });

    expect(conditionFailed(failed)).toBe(true);
    expect(conditionFailureItem(failed)).toEqual({ PK: 'FINDING#f1', count: 3 });
    expect(
      conditionFailureItem(new ConditionalCheckFailedException({ message: 'x', $metadata: metadata })),
    ).toBe(undefined);
    expect(conditionFailed(new Error('other'))).toBe(false);
  });
});

describe('describeEndpoint', () => {
  it('names a configured endpoint, or the regional one', async () => {
    expect(await describeEndpoint(local)).toBe('http://127.0.0.1:8000');
    expect(await describeEndpoint(regional)).toBe('https://dynamodb.eu-west-1.amazonaws.com');
  });
});

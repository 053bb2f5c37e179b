import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { StoreRequestError, StoreUnavailableError } from '../errors.js';

/**
 * Where SDK exceptions become domain errors. A conditional-check failure is not an error here:
 * callers turn it into an outcome (`duplicate`, `repeat`, a lost race) with {@link conditionFailed}.
 */

/** Service errors that mean "try later", not "your request is wrong". */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
]);

/**
 * Converts an SDK exception into `StoreUnavailableError` (no HTTP answer: connection refused,
 * DNS, timeout; or throttling after the SDK's own retries) or `StoreRequestError` (the service
 * refused the request). Already-converted errors pass through.
 *
 * @example
 * try { await client.send(command); } catch (error) { throw await storeError(client, 'PutItem', table, error); }
 */
export async function storeError(
  client: DynamoDBClient,
  operation: string,
  table: string,
  error: unknown,
): Promise<Error> {
  if (error instanceof StoreUnavailableError || error instanceof StoreRequestError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (!answeredByService(error) || UNAVAILABLE.has(name)) {
    return new StoreUnavailableError(await describeEndpoint(client), operation, table, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = name === 'ResourceNotFoundException' ? ' (does the table exist? ensureTable creates it)' : '';
  return new StoreRequestError(operation, table, `${name}: ${message}${hint}`, { cause: error });
}

/** True for the SDK's ConditionalCheckFailedException (also inside lib-dynamodb commands). */
export function conditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * The item DynamoDB returned with a failed condition (`ReturnValuesOnConditionCheckFailure:
 * ALL_OLD`), or undefined when the server does not support it (dynalite) or the item is absent.
 */
export function conditionFailureItem(error: unknown): Record<string, unknown> | undefined {
  if (!conditionFailed(error) || typeof error !== 'object' || error === null || !('Item' in error))
    return undefined;
  const item = error.Item;
  if (item === undefined || item === null || typeof item !== 'object') return undefined;
  return unmarshall(item as Record<string, AttributeValue>);
}

function answeredByService(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const metadata = error.$metadata;
  return typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata
    ? typeof metadata.httpStatusCode === 'number'
    : false;
}

/** `http://127.0.0.1:8000` for a configured endpoint, else the regional DynamoDB endpoint. */
export async function describeEndpoint(client: DynamoDBClient): Promise<string> {
  try {
    const provider = client.config.endpoint;
    if (provider !== undefined) {
      const endpoint = await provider();
      const port = endpoint.port === undefined ? '' : `:${endpoint.port}`;
      return `${endpoint.protocol}//${endpoint.hostname}${port}${endpoint.path === '/' ? '' : endpoint.path}`;
    }
    return `https://dynamodb.${await client.config.region()}.amazonaws.com`;
  } catch (error) {
    // Describing the endpoint is only for the message; a broken config already failed the call.
    return `an unresolvable endpoint (${error instanceof Error ? error.message : String(error)})`;
  }
}

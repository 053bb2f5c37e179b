import { ParseError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import { LookupEventSchema } from '../events/schemas/lookup-events.js';
import { err, type Result } from '../util/result.js';
import { fromCloudTrailRecord } from './cloudtrail.js';
import { parseEmbeddedJson, schemaError } from './issues.js';
import { type Bag, bagOf, kindOf } from './values.js';

/**
 * Normalizes one `lookup-events` entry: parses its `CloudTrailEvent` string and reads the
 * record inside (`EventId` stands in when the record lacks an `eventID`).
 *
 * @example
 * fromLookupEntry({ EventId: '…', CloudTrailEvent: '{"eventSource":"iam.amazonaws.com",…}' });
 */
export function fromLookupEntry(item: Bag, deployRoles?: readonly string[]): Result<ChangeEvent, ParseError> {
  const parsed = LookupEventSchema.safeParse(item);
  if (!parsed.success) return err(schemaError('lookup-events entry', parsed.error));
  const json = parseEmbeddedJson(
    parsed.data.CloudTrailEvent,
    'lookup-events CloudTrailEvent',
    'CloudTrailEvent',
  );
  if (!json.ok) return json;
  const record = bagOf(json.value);
  if (!record) {
    return err(
      new ParseError(`lookup-events CloudTrailEvent is ${kindOf(json.value)}, expected a CloudTrail record`, {
        path: 'CloudTrailEvent',
      }),
    );
  }
  return fromCloudTrailRecord(record, {
    origin: 'lookup-events',
    path: 'CloudTrailEvent.',
    deployRoles,
    fallbacks: { eventId: parsed.data.EventId },
  });
}

import { ParseError } from '../errors.js';
import type { ChangeEvent, EventOrigin } from '../events/change-event.js';
import { stableHash } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { actorOf } from './actor.js';
import { collectRecordResources } from './resources.js';
import {
  accountText,
  type Bag,
  bagOf,
  canonicalJson,
  EMPTY_BAG,
  epochMs,
  flag,
  kindOf,
  text,
} from './values.js';

/** Values an envelope knows when the record itself does not (EventBridge `id`, `account` …). */
export interface RecordFallbacks {
  readonly eventId?: string | undefined;
  readonly account?: string | undefined;
  readonly region?: string | undefined;
  readonly time?: string | undefined;
}

export interface RecordOptions {
  readonly origin: EventOrigin;
  /** Where the record sits in the input, for error paths: `''`, `'detail.'`, `'CloudTrailEvent.'`. */
  readonly path: string;
  readonly deployRoles?: readonly string[] | undefined;
  readonly fallbacks?: RecordFallbacks;
}

/** Why a record's `eventName`/`eventSource` is unusable (called only when it is). */
function nameError(record: Bag, path: string): ParseError {
  for (const key of ['eventName', 'eventSource'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') continue;
    if (value === undefined || value === null || value === '') {
      return new ParseError(`record has no ${key}`, { path: `${path}${key}` });
    }
    return new ParseError(`record ${key} is ${kindOf(value)}, expected a string`, { path: `${path}${key}` });
  }
  return new ParseError('record has no eventName', { path: `${path}eventName` });
}

/**
 * Turns one CloudTrail record (from a log file, an EventBridge `detail`, or a lookup-events
 * `CloudTrailEvent`) into a `ChangeEvent`. Only `eventSource` and `eventName` are required;
 * everything else has a safe default (`{}` for null parameters, `0` for an unparseable time,
 * a hash of the record for a missing `eventID`). The record is not copied: `raw` is it.
 *
 * @example
 * const result = fromCloudTrailRecord(record, { origin: 'cloudtrail-record', path: '' });
 * if (result.ok) result.value.eventName; // 'PutBucketPolicy'
 */
export function fromCloudTrailRecord(record: Bag, options: RecordOptions): Result<ChangeEvent, ParseError> {
  const eventName = record.eventName;
  const eventSource = record.eventSource;
  if (
    typeof eventName !== 'string' ||
    eventName === '' ||
    typeof eventSource !== 'string' ||
    eventSource === ''
  ) {
    return err(nameError(record, options.path));
  }
  const fallbacks = options.fallbacks;
  const eventType = text(record.eventType);
  const requestParameters = bagOf(record.requestParameters) ?? EMPTY_BAG;
  const responseElements = bagOf(record.responseElements) ?? EMPTY_BAG;
  const additionalEventData = bagOf(record.additionalEventData) ?? EMPTY_BAG;
  const actor = actorOf(
    record.userIdentity,
    eventSource,
    eventType,
    text(record.userAgent),
    text(record.sourceIPAddress),
    additionalEventData,
    record.sessionCredentialFromConsole,
    options.deployRoles,
  );
  const account = accountText(record.recipientAccountId) ?? actor.accountId ?? fallbacks?.account ?? '';
  const region = text(record.awsRegion) ?? fallbacks?.region ?? '';
  // Only ISO strings: a number could be seconds or milliseconds, so it is not guessed at.
  const eventTime = record.eventTime;
  const time = (typeof eventTime === 'string' ? eventTime : undefined) ?? fallbacks?.time ?? '';
  const errorCode = text(record.errorCode) || undefined;
  // Sign-in events report failure in the response (`{"ConsoleLogin": "Failure"}`), not in errorCode.
  const signInFailed = eventSource === 'signin.amazonaws.com' && responseElements[eventName] === 'Failure';
  return ok({
    eventId: text(record.eventID) || fallbacks?.eventId || stableHash([canonicalJson(record)]),
    eventSource: eventSource,
    eventName: eventName,
    eventType,
    time,
    timeMs: epochMs(time),
    account,
    region,
    actor,
    readOnly: flag(record.readOnly),
    success: errorCode === undefined && !signInFailed,
    errorCode,
    errorMessage: text(record.errorMessage),
    requestParameters,
    responseElements,
    additionalEventData,
    resources: collectRecordResources(
      eventSource,
      record.resources,
      requestParameters,
      responseElements,
      region,
      account,
    ),
    origin: options.origin,
    config: undefined,
    raw: record,
  });
}

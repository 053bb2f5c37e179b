import { ParseError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import { err, type Result } from '../util/result.js';
import { fromCloudTrailRecord, type RecordOptions } from './cloudtrail.js';
import { fromConfigInvocation } from './config-invocation.js';
import { fromEventBridge } from './eventbridge.js';
import { fromLookupEntry } from './lookup-events.js';
import { isBag, kindOf } from './values.js';

export interface NormalizeOptions {
  /** Role ARN patterns (`*`, `?`) of CI/CD deploy roles (settings `deployRoles`). */
  readonly deployRoles?: readonly string[];
}

/** The options of every raw record read without deploy roles (shared: one object less per record). */
const RAW_RECORD: RecordOptions = { origin: 'cloudtrail-record', path: '' };

const UNRECOGNIZED =
  'not a CloudTrail record, an EventBridge event, a lookup-events entry or a Config invocation';

/**
 * Normalizes one input item into a `ChangeEvent`. The form is recognized from its keys:
 * - EventBridge event (`detail-type` + `detail`): the CloudTrail detail-types and AWS
 *   Config's compliance and configuration-item notifications;
 * - `aws cloudtrail lookup-events` entry (`CloudTrailEvent` JSON string);
 * - AWS Config custom-rule invocation (`invokingEvent` JSON string, `resultToken`);
 * - a raw CloudTrail record (`eventSource`/`eventName`/`eventVersion`/`userIdentity`).
 *
 * Never throws: anything else, and any item missing what normalization needs, is a
 * `ParseError` that says why (`record has no eventName`, `unsupported EventBridge
 * detail-type "…"`, `lookup-events CloudTrailEvent is not valid JSON` …).
 *
 * @example
 * const result = normalizeInput(record, { deployRoles: ['arn:aws:iam::*:role/ci-*'] });
 * if (result.ok) engine.detect(result.value, state);
 * else log.warn(result.error.message);
 */
export function normalizeInput(item: unknown, options?: NormalizeOptions): Result<ChangeEvent, ParseError> {
  if (!isBag(item)) return err(new ParseError(`item is ${kindOf(item)}, ${UNRECOGNIZED}`));
  const deployRoles = options?.deployRoles;
  // Raw records are the bulk of the volume (log files, replays), so they are recognized first.
  if (
    item.eventSource !== undefined ||
    item.eventName !== undefined ||
    item.eventVersion !== undefined ||
    item.userIdentity !== undefined
  ) {
    return fromCloudTrailRecord(
      item,
      deployRoles === undefined ? RAW_RECORD : { origin: 'cloudtrail-record', path: '', deployRoles },
    );
  }
  if (item['detail-type'] !== undefined) return fromEventBridge(item, deployRoles);
  if (item.CloudTrailEvent !== undefined) return fromLookupEntry(item, deployRoles);
  if (item.invokingEvent !== undefined) return fromConfigInvocation(item);
  return err(
    new ParseError(
      `${UNRECOGNIZED} (it has no eventSource, eventName, detail-type, CloudTrailEvent or invokingEvent)`,
    ),
  );
}

import { ParseError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import {
  CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES,
  CONFIG_EVENTBRIDGE_DETAIL_TYPES,
  type ConfigDetailType,
  EventBridgeEnvelopeSchema,
} from '../events/schemas/eventbridge.js';
import { err, type Result } from '../util/result.js';
import { fromCloudTrailRecord } from './cloudtrail.js';
import { fromConfigDetail } from './config-events.js';
import { schemaError } from './issues.js';
import type { Bag } from './values.js';

const CLOUDTRAIL: ReadonlySet<string> = new Set(CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES);
const CONFIG: ReadonlySet<string> = new Set(CONFIG_EVENTBRIDGE_DETAIL_TYPES);

const isConfigDetailType = (detailType: string): detailType is ConfigDetailType => CONFIG.has(detailType);

/**
 * Normalizes an EventBridge event: CloudTrail detail-types go through the record path
 * (the envelope's `id`, `account`, `region` and `time` fill gaps in the record), Config
 * detail-types through the Config path. Other detail-types are a `ParseError`.
 *
 * @example
 * fromEventBridge({ 'detail-type': 'AWS API Call via CloudTrail', detail: record, … }).ok; // true
 */
export function fromEventBridge(item: Bag, deployRoles?: readonly string[]): Result<ChangeEvent, ParseError> {
  const parsed = EventBridgeEnvelopeSchema.safeParse(item);
  if (!parsed.success) return err(schemaError('EventBridge event', parsed.error));
  const envelope = parsed.data;
  const detailType = envelope['detail-type'];
  if (CLOUDTRAIL.has(detailType)) {
    return fromCloudTrailRecord(envelope.detail, {
      origin: 'eventbridge',
      path: 'detail.',
      deployRoles,
      fallbacks: {
        eventId: envelope.id,
        account: envelope.account,
        region: envelope.region,
        time: envelope.time,
      },
    });
  }
  if (isConfigDetailType(detailType)) return fromConfigDetail(detailType, envelope);
  return err(new ParseError(`unsupported EventBridge detail-type "${detailType}"`, { path: 'detail-type' }));
}

import type { Actor, ChangeEvent, ConfigDetails, EventOrigin } from '../events/change-event.js';
import { configResourceArn, partitionOf } from './resources.js';
import { type Bag, EMPTY_BAG, epochMs } from './values.js';

/** Config notifications are sent by AWS Config itself; who made the change is in `relatedEvents`. */
function configActor(account: string): Actor {
  return {
    type: 'AWSService',
    arn: undefined,
    accountId: account || undefined,
    principalId: 'config.amazonaws.com',
    userName: undefined,
    sessionIssuer: undefined,
    mfaUsed: false,
    viaConsole: false,
    userAgent: undefined,
    sourceIp: undefined,
    invokedBy: 'config.amazonaws.com',
    provenance: 'aws-service',
  };
}

export interface ConfigEventParts {
  readonly eventId: string;
  readonly eventName: string;
  readonly origin: EventOrigin;
  readonly account: string;
  readonly region: string;
  readonly time: string;
  /** The resource's ARN when the payload has one (configuration items do). */
  readonly arn: string | undefined;
  readonly config: ConfigDetails;
  readonly raw: Bag;
}

/**
 * Builds the `ChangeEvent` of an AWS Config input: event source `config.amazonaws.com`,
 * the Config service as actor, empty request/response, resources = the resource's ARN
 * (given, or built from type and id for the types {@link configResourceArn} knows).
 *
 * @example
 * buildConfigEvent({ eventName: 'ComplianceChange', config: { kind: 'compliance-change', … }, … });
 */
export function buildConfigEvent(parts: ConfigEventParts): ChangeEvent {
  const { config, account, region } = parts;
  const arn =
    parts.arn ??
    (config.resourceType && config.resourceId
      ? configResourceArn(config.resourceType, config.resourceId, {
          partition: partitionOf(region),
          region,
          account,
        })
      : undefined);
  return {
    eventId: parts.eventId,
    eventSource: 'config.amazonaws.com',
    eventName: parts.eventName,
    eventType: undefined,
    time: parts.time,
    timeMs: epochMs(parts.time),
    account,
    region,
    actor: configActor(account),
    readOnly: undefined,
    success: true,
    errorCode: undefined,
    errorMessage: undefined,
    requestParameters: EMPTY_BAG,
    responseElements: EMPTY_BAG,
    additionalEventData: EMPTY_BAG,
    resources: arn ? [arn] : [],
    origin: parts.origin,
    config,
    raw: parts.raw,
  };
}

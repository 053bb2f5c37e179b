import type { ParseError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import {
  ConfigComplianceChangeDetailSchema,
  ConfigurationItemChangeDetailSchema,
  OversizedConfigurationItemChangeDetailSchema,
} from '../events/schemas/config-events.js';
import type { ConfigurationItem, ConfigurationItemSummary } from '../events/schemas/config-item.js';
import type { ConfigDetailType, EventBridgeEnvelope } from '../events/schemas/eventbridge.js';
import { err, ok, type Result } from '../util/result.js';
import { buildConfigEvent } from './config-event.js';
import { schemaError } from './issues.js';
import { accountText } from './values.js';

/**
 * Normalizes the `detail` of an AWS Config EventBridge event into a `ChangeEvent` with
 * `config` filled: `ComplianceChange` (rule, resource, new and previous compliance),
 * `ConfigurationItemChange` (the item), `OversizedConfigurationItemChange` (the summary).
 * The envelope's `id` is the event id (stable across EventBridge redeliveries).
 *
 * @example
 * fromConfigDetail('Config Rules Compliance Change', envelope); // ok: eventName 'ComplianceChange'
 */
export function fromConfigDetail(
  detailType: ConfigDetailType,
  envelope: EventBridgeEnvelope,
): Result<ChangeEvent, ParseError> {
  const base = {
    eventId: envelope.id,
    origin: 'config-eventbridge' as const,
    time: envelope.time,
    raw: envelope.detail,
  };
  if (detailType === 'Config Rules Compliance Change') {
    const parsed = ConfigComplianceChangeDetailSchema.safeParse(envelope.detail);
    if (!parsed.success) return err(schemaError(`${detailType} event`, parsed.error, 'detail.'));
    const detail = parsed.data;
    return ok(
      buildConfigEvent({
        ...base,
        eventName: 'ComplianceChange',
        account: accountText(detail.awsAccountId) ?? envelope.account,
        region: detail.awsRegion ?? envelope.region,
        arn: undefined,
        config: {
          kind: 'compliance-change',
          configRuleName: detail.configRuleName,
          configRuleArn: detail.configRuleARN,
          resourceType: detail.resourceType,
          resourceId: detail.resourceId,
          complianceType: detail.newEvaluationResult.complianceType,
          previousComplianceType: detail.oldEvaluationResult?.complianceType,
          annotation: detail.newEvaluationResult.annotation,
        },
      }),
    );
  }
  if (detailType === 'Configuration Item Change Notification') {
    const parsed = ConfigurationItemChangeDetailSchema.safeParse(envelope.detail);
    if (!parsed.success) return err(schemaError(`${detailType} event`, parsed.error, 'detail.'));
    return ok(itemEvent(base, envelope, 'configuration-item-change', parsed.data.configurationItem));
  }
  const parsed = OversizedConfigurationItemChangeDetailSchema.safeParse(envelope.detail);
  if (!parsed.success) return err(schemaError(`${detailType} event`, parsed.error, 'detail.'));
  return ok(
    itemEvent(base, envelope, 'oversized-configuration-item-change', parsed.data.configurationItemSummary),
  );
}

const ITEM_EVENT_NAMES = {
  'configuration-item-change': 'ConfigurationItemChange',
  'oversized-configuration-item-change': 'OversizedConfigurationItemChange',
} as const;

/** A configuration item (or an oversized item's summary) change: both carry the same identity fields. */
function itemEvent(
  base: Pick<Parameters<typeof buildConfigEvent>[0], 'eventId' | 'origin' | 'time' | 'raw'>,
  envelope: EventBridgeEnvelope,
  kind: keyof typeof ITEM_EVENT_NAMES,
  item: ConfigurationItem | ConfigurationItemSummary,
): ChangeEvent {
  return buildConfigEvent({
    ...base,
    eventName: ITEM_EVENT_NAMES[kind],
    account: accountText(item.awsAccountId) ?? envelope.account,
    region: item.awsRegion ?? envelope.region,
    arn: item.ARN,
    config: { kind, resourceType: item.resourceType, resourceId: item.resourceId, configurationItem: item },
  });
}

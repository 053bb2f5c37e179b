import { ParseError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import {
  ConfigRuleInvocationSchema,
  InvokingEventSchema,
  RuleParametersSchema,
} from '../events/schemas/config-rule-invocation.js';
import { stableHash } from '../util/hash.js';
import { err, ok, type Result } from '../util/result.js';
import { buildConfigEvent } from './config-event.js';
import { parseEmbeddedJson, schemaError } from './issues.js';
import { accountText } from './values.js';

/** `arn:aws:config:us-east-1:111122223333:config-rule/…` → `us-east-1`. */
function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/**
 * Normalizes an AWS Config custom-rule invocation (the Lambda event of a custom rule) into
 * a `CustomRuleInvocation` event: `config` carries the rule, the configuration item (or
 * its oversized summary), the parsed `ruleParameters` and the `resultToken` needed for
 * `PutEvaluations`. Periodic invocations have no resource. The event id is a hash of the
 * rule and the result token (unique per invocation).
 *
 * @example
 * const result = fromConfigInvocation(lambdaEvent);
 * if (result.ok) result.value.config?.resultToken; // 'myResultToken'
 */
export function fromConfigInvocation(item: unknown): Result<ChangeEvent, ParseError> {
  const parsed = ConfigRuleInvocationSchema.safeParse(item);
  if (!parsed.success) return err(schemaError('Config rule invocation', parsed.error));
  const invocation = parsed.data;
  const invokingJson = parseEmbeddedJson(
    invocation.invokingEvent,
    'Config invocation invokingEvent',
    'invokingEvent',
  );
  if (!invokingJson.ok) return invokingJson;
  const invoking = InvokingEventSchema.safeParse(invokingJson.value);
  if (!invoking.success)
    return err(schemaError('Config invocation invokingEvent', invoking.error, 'invokingEvent.'));
  const parametersJson = parseEmbeddedJson(
    invocation.ruleParameters ?? '{}',
    'Config invocation ruleParameters',
    'ruleParameters',
  );
  if (!parametersJson.ok) return parametersJson;
  const parameters = RuleParametersSchema.safeParse(parametersJson.value);
  if (!parameters.success) {
    return err(
      new ParseError('Config invocation ruleParameters is not a JSON object', { path: 'ruleParameters' }),
    );
  }
  const event = invoking.data;
  const resource = event.configurationItem ?? event.configurationItemSummary;
  const account =
    accountText(invocation.accountId) ??
    accountText(resource?.awsAccountId) ??
    accountText(event.awsAccountId) ??
    '';
  const region = resource?.awsRegion ?? regionOfArn(invocation.configRuleArn) ?? '';
  const rule = invocation.configRuleArn ?? invocation.configRuleName ?? '';
  return ok(
    buildConfigEvent({
      eventId: stableHash(['CustomRuleInvocation', rule, invocation.resultToken]),
      eventName: 'CustomRuleInvocation',
      origin: 'config-rule-invocation',
      account,
      region,
      time: event.notificationCreationTime ?? resource?.configurationItemCaptureTime ?? '',
      arn: resource?.ARN,
      raw: invocation,
      config: {
        kind: 'custom-rule-invocation',
        configRuleName: invocation.configRuleName,
        configRuleArn: invocation.configRuleArn,
        resourceType: resource?.resourceType,
        resourceId: resource?.resourceId,
        configurationItem: resource ?? undefined,
        ruleParameters: parameters.data,
        resultToken: invocation.resultToken,
      },
    }),
  );
}

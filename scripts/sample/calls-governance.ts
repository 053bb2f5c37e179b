import type { Env } from './names.js';
import type { CallSpec } from './records.js';

/**
 * Benign reads of the account baseline: CloudTrail, Config, GuardDuty, Security Hub,
 * CloudWatch alarms and AWS Health. Consoles and security scanners read these all day.
 */

export function cloudTrailRead(env: Env): CallSpec {
  const trail = env.names.trailArn(env.account);
  const source = 'cloudtrail.amazonaws.com';
  return env.rng.pick<CallSpec>([
    {
      source,
      name: 'DescribeTrails',
      readOnly: true,
      params: { trailNameList: [], includeShadowTrails: true },
    },
    { source, name: 'GetTrailStatus', readOnly: true, params: { name: trail } },
    { source, name: 'GetEventSelectors', readOnly: true, params: { trailName: trail } },
    { source, name: 'LookupEvents', readOnly: true, params: { maxResults: 50 } },
  ]);
}

export function configRead(env: Env): CallSpec {
  const source = 'config.amazonaws.com';
  return env.rng.pick<CallSpec>([
    { source, name: 'DescribeConfigurationRecorders', readOnly: true, params: null },
    { source, name: 'DescribeConfigurationRecorderStatus', readOnly: true, params: null },
    { source, name: 'DescribeDeliveryChannels', readOnly: true, params: null },
    {
      source,
      name: 'DescribeComplianceByConfigRule',
      readOnly: true,
      params: { complianceTypes: ['NON_COMPLIANT'] },
    },
  ]);
}

export function guardDutyRead(env: Env): CallSpec {
  const detectorId = env.names.detectorId(env.account, env.region);
  const source = 'guardduty.amazonaws.com';
  return env.rng.pick<CallSpec>([
    { source, name: 'ListDetectors', readOnly: true, params: null },
    { source, name: 'GetDetector', readOnly: true, params: { detectorId } },
    {
      source,
      name: 'ListFindings',
      readOnly: true,
      params: {
        detectorId,
        findingCriteria: { criterion: { 'service.archived': { eq: ['false'] } } },
        maxResults: 50,
      },
    },
  ]);
}

export function securityHubRead(env: Env): CallSpec {
  const source = 'securityhub.amazonaws.com';
  return env.rng.pick<CallSpec>([
    { source, name: 'GetEnabledStandards', readOnly: true, params: null },
    { source, name: 'DescribeHub', readOnly: true, params: null },
    {
      source,
      name: 'GetFindings',
      readOnly: true,
      params: { Filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] }, MaxResults: 100 },
    },
  ]);
}

export function describeAlarms(env: Env): CallSpec {
  return {
    source: 'monitoring.amazonaws.com',
    name: 'DescribeAlarms',
    readOnly: true,
    params: { alarmNamePrefix: env.rng.pick(['orders-', 'cis-', '']), maxRecords: 100 },
  };
}

export function healthRead(): CallSpec {
  return {
    source: 'health.amazonaws.com',
    name: 'DescribeEventAggregates',
    readOnly: true,
    params: { aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open', 'upcoming'] } },
    host: 'health.us-east-1.amazonaws.com',
  };
}

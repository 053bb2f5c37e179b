import { bool, list, obj, str } from '../../util/fields.js';

/**
 * Readers for AWS Config's recorder and delivery channel calls, and the judgement of what a
 * recorder change narrows.
 *
 * @see https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html
 * @see https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html
 */

/** What a configuration recorder records. */
export interface RecorderScope {
  readonly name: string;
  /** `ALL_SUPPORTED_RESOURCE_TYPES`, `INCLUSION_BY_RESOURCE_TYPES` or `EXCLUSION_BY_RESOURCE_TYPES`. */
  readonly strategy: string;
  readonly includeGlobalResourceTypes: boolean;
  /** Types recorded (inclusion strategy). */
  readonly resourceTypes: readonly string[];
  /** Types not recorded (exclusion strategy). */
  readonly excludedResourceTypes: readonly string[];
  /** `CONTINUOUS` or `DAILY`. */
  readonly recordingFrequency: string;
}

/** Where a delivery channel sends configuration history and snapshots. */
export interface DeliveryChannel {
  readonly name: string;
  readonly s3BucketName?: string;
  readonly s3KeyPrefix?: string;
  readonly snsTopicARN?: string;
}

const ALL = 'ALL_SUPPORTED_RESOURCE_TYPES';
const strings = (values: readonly unknown[]): string[] =>
  values.filter((v): v is string => typeof v === 'string');

/**
 * The recorder a `PutConfigurationRecorder` request sets. Without a `recordingGroup` AWS
 * Config records every supported regional type and no global (IAM) type; inside a
 * `recordingGroup` an omitted boolean is `false`.
 *
 * @example
 * readRecorder({ configurationRecorder: { name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } })?.strategy;
 * // 'ALL_SUPPORTED_RESOURCE_TYPES'
 */
export function readRecorder(
  requestParameters: Readonly<Record<string, unknown>>,
): RecorderScope | undefined {
  const recorder = obj(requestParameters, 'configurationRecorder');
  if (!recorder) return undefined;
  const group = obj(recorder, 'recordingGroup');
  const allSupported = group ? (bool(group, 'allSupported') ?? false) : true;
  const excluded = strings(list(group, 'exclusionByResourceTypes.resourceTypes'));
  const strategy =
    str(group, 'recordingStrategy.useOnly') ??
    (allSupported
      ? ALL
      : excluded.length > 0
        ? 'EXCLUSION_BY_RESOURCE_TYPES'
        : 'INCLUSION_BY_RESOURCE_TYPES');
  return {
    name: str(recorder, 'name') ?? 'default',
    strategy: allSupported ? ALL : strategy,
    includeGlobalResourceTypes: bool(group, 'includeGlobalResourceTypes') ?? false,
    resourceTypes: strings(list(group, 'resourceTypes')),
    excludedResourceTypes: excluded,
    recordingFrequency: str(recorder, 'recordingMode.recordingFrequency') ?? 'CONTINUOUS',
  };
}

/** The channel a `PutDeliveryChannel` request sets. */
export function readDeliveryChannel(
  requestParameters: Readonly<Record<string, unknown>>,
): DeliveryChannel | undefined {
  const channel = obj(requestParameters, 'deliveryChannel');
  if (!channel) return undefined;
  const optional = (key: 's3BucketName' | 's3KeyPrefix' | 'snsTopicARN') => {
    const value = str(channel, key);
    return value ? { [key]: value } : {};
  };
  return {
    name: str(channel, 'name') ?? 'default',
    ...optional('s3BucketName'),
    ...optional('s3KeyPrefix'),
    ...optional('snsTopicARN'),
  };
}

/** One way a recorder change records less than before. */
export interface RecorderNarrowing {
  readonly what: string;
  /**
   * `high` when resource types stop being recorded, or a known global-types recorder stops
   * recording them; `medium` for changes that are often legitimate set-ups (global types off
   * with no known previous recorder, daily instead of continuous recording).
   */
  readonly severity: 'high' | 'medium';
}

/**
 * How `after` records less than `before` (or, when the previous recorder is unknown, less
 * than a full recorder). Empty when nothing is narrowed.
 *
 * Global resource types (IAM users, roles, policies …) are meant to be recorded in ONE region
 * only (AWS's own guidance, to avoid duplicate items), so `includeGlobalResourceTypes: false`
 * alone is a medium finding when trailwarden has not seen this recorder record them before,
 * and high when it has.
 *
 * @example
 * recorderNarrowing(undefined, { ...full, strategy: 'INCLUSION_BY_RESOURCE_TYPES', resourceTypes: ['AWS::S3::Bucket'] });
 * // [{ what: 'records only 1 selected resource type (AWS::S3::Bucket)', severity: 'high' }]
 */
export function recorderNarrowing(
  before: RecorderScope | undefined,
  after: RecorderScope,
): RecorderNarrowing[] {
  const out: RecorderNarrowing[] = [];
  const beforeStrategy = before?.strategy ?? ALL;
  if (after.strategy === 'INCLUSION_BY_RESOURCE_TYPES') {
    const lost =
      beforeStrategy === ALL ||
      (beforeStrategy === 'INCLUSION_BY_RESOURCE_TYPES' &&
        before?.resourceTypes.some((type) => !after.resourceTypes.includes(type)));
    if (lost) out.push({ what: `records only ${countTypes(after.resourceTypes)}`, severity: 'high' });
  } else if (
    after.strategy === 'EXCLUSION_BY_RESOURCE_TYPES' &&
    beforeStrategy !== 'INCLUSION_BY_RESOURCE_TYPES'
  ) {
    // From an inclusion list to an exclusion list records more, not less: not judged.
    const previouslyExcluded =
      beforeStrategy === 'EXCLUSION_BY_RESOURCE_TYPES' ? (before?.excludedResourceTypes ?? []) : [];
    const added = after.excludedResourceTypes.filter((type) => !previouslyExcluded.includes(type));
    if (added.length > 0) out.push({ what: `excludes ${countTypes(added)}`, severity: 'high' });
  }
  if (!after.includeGlobalResourceTypes && after.strategy === ALL) {
    if (before === undefined) {
      out.push({ what: 'does not record global resource types (IAM)', severity: 'medium' });
    } else if (before.includeGlobalResourceTypes) {
      out.push({ what: 'stopped recording global resource types (IAM)', severity: 'high' });
    }
  }
  if (after.recordingFrequency === 'DAILY' && (before?.recordingFrequency ?? 'CONTINUOUS') !== 'DAILY') {
    out.push({ what: 'records daily instead of continuously', severity: 'medium' });
  }
  return out;
}

function countTypes(types: readonly string[]): string {
  const shown = types.slice(0, 5).join(', ');
  const more = types.length > 5 ? ` and ${types.length - 5} more` : '';
  const noun = types.length === 1 ? 'resource type' : 'resource types';
  return types.length === 0 ? `no ${noun}` : `${types.length} selected ${noun} (${shown}${more})`;
}

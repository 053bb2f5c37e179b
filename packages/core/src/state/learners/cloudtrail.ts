import type { ChangeEvent } from '../../events/change-event.js';
import { type SelectorCoverage, selectorCoverage } from '../../rules/shared/event-selectors.js';
import {
  requestedTrailSettings,
  resultingTrailSettings,
  type TrailSettings,
  trailName,
  trailOf,
} from '../../rules/shared/trail.js';
import { items, str } from '../../util/fields.js';
import { forget, put, type StateKey, type StateUpdate, type StateView, stateKey } from '../state.js';
import type { StateLearner } from './learner.js';

/**
 * What trailwarden remembers about CloudTrail from successful calls: each trail's settings,
 * selectors and insight types (by trail ARN), and which S3 buckets receive trail logs.
 * The CloudTrail tampering rules compare a new call with it.
 */

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const NONE: readonly StateUpdate[] = [];

/** A trail as last known. Every field is optional: trailwarden knows only what it has seen. */
export interface TrailState extends TrailSettings {
  readonly arn: string;
  readonly selectors?: SelectorCoverage;
  /** Insight types enabled (`ApiCallRateInsight`, `ApiErrorRateInsight`). */
  readonly insightTypes?: readonly string[];
}

/** Trails known to deliver to a bucket. */
export interface TrailBucketState {
  readonly trails: readonly string[];
}

/**
 * State key of a trail, by ARN.
 *
 * @example
 * state.get(trailKey('arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail'))?.isMultiRegionTrail; // true
 */
export function trailKey(trailArn: string): StateKey<TrailState> {
  return stateKey<TrailState>('cloudtrail-trail', trailArn);
}

/**
 * State key of a bucket known to receive CloudTrail logs. Keyed by bucket name alone, not by
 * account: organization trails deliver to a log-archive account's bucket, and the tampering
 * happens (and is logged) in that account. A bucket stays a trail bucket after its trail moves
 * or is deleted: the logs already in it are still evidence.
 *
 * @example
 * state.get(trailBucketKey('aws-cloudtrail-logs-111122223333'))?.trails;
 */
export function trailBucketKey(bucket: string): StateKey<TrailBucketState> {
  return stateKey<TrailBucketState>('cloudtrail-bucket', bucket);
}

/** Drops the settings a request cleared with `''` (`kmsKeyId: ''` turns encryption off). */
function withoutCleared(state: TrailState): TrailState {
  const { kmsKeyId, cloudWatchLogsLogGroupArn, s3KeyPrefix, ...rest } = state;
  return {
    ...rest,
    ...(kmsKeyId && { kmsKeyId }),
    ...(cloudWatchLogsLogGroupArn && { cloudWatchLogsLogGroupArn }),
    ...(s3KeyPrefix && { s3KeyPrefix }),
  };
}

function trailUpdates(event: ChangeEvent, state: StateView): readonly StateUpdate[] {
  const arn = trailOf(event);
  if (!arn) return NONE;
  const key = trailKey(arn);
  const next = withoutCleared({
    ...state.get(key),
    name: trailName(arn),
    ...requestedTrailSettings(event.requestParameters),
    ...resultingTrailSettings(event.responseElements),
    arn,
  });
  const updates: StateUpdate[] = [put(key, next)];
  if (next.s3BucketName) {
    const bucketKey = trailBucketKey(next.s3BucketName);
    const trails = state.get(bucketKey)?.trails ?? [];
    if (!trails.includes(arn)) updates.push(put(bucketKey, { trails: [...trails, arn] }));
  }
  return updates;
}

const trailLearner: StateLearner = {
  name: 'cloudtrail-trail',
  events: [{ source: CLOUDTRAIL, names: ['CreateTrail', 'UpdateTrail', 'DeleteTrail'] }],
  learn(event, state) {
    if (event.eventName !== 'DeleteTrail') return trailUpdates(event, state);
    const arn = trailOf(event);
    return arn ? [forget(trailKey(arn))] : NONE;
  },
};

const selectorsLearner: StateLearner = {
  name: 'cloudtrail-event-selectors',
  events: [{ source: CLOUDTRAIL, names: ['PutEventSelectors'] }],
  learn(event, state) {
    const arn = trailOf(event);
    // The response echoes the selectors as applied; the request is the fallback.
    const selectors = selectorCoverage(event.responseElements) ?? selectorCoverage(event.requestParameters);
    if (!arn || !selectors) return NONE;
    const key = trailKey(arn);
    return [put(key, { ...state.get(key), arn, selectors })];
  },
};

const insightsLearner: StateLearner = {
  name: 'cloudtrail-insight-selectors',
  events: [{ source: CLOUDTRAIL, names: ['PutInsightSelectors'] }],
  learn(event, state) {
    const arn = trailOf(event);
    if (!arn) return NONE;
    const key = trailKey(arn);
    return [put(key, { ...state.get(key), arn, insightTypes: insightTypes(event.requestParameters) })];
  },
};

/** The insight types a `PutInsightSelectors` call enables (`[]` turns Insights off). */
export function insightTypes(bag: Readonly<Record<string, unknown>>): string[] {
  return items(bag, 'insightSelectors')
    .map((selector) => str(selector, 'insightType'))
    .filter((type): type is string => type !== undefined);
}

/** Learners for trails, their selectors and insights, and trail buckets. */
export const cloudTrailLearners: readonly StateLearner[] = [trailLearner, selectorsLearner, insightsLearner];

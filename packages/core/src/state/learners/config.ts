import type { ChangeEvent } from '../../events/change-event.js';
import {
  type DeliveryChannel,
  type RecorderScope,
  readDeliveryChannel,
  readRecorder,
} from '../../rules/shared/config-recorder.js';
import { str } from '../../util/fields.js';
import { forget, put, type StateKey, type StateUpdate, stateKey } from '../state.js';
import type { StateLearner } from './learner.js';

/**
 * What trailwarden remembers about AWS Config's recording: each recorder's scope and each
 * delivery channel's destination, per account and region. The config tampering rule compares
 * a new `PutConfigurationRecorder`/`PutDeliveryChannel` with it.
 */

const CONFIG = 'config.amazonaws.com';
const NONE: readonly StateUpdate[] = [];

type Scope = Pick<ChangeEvent, 'account' | 'region'>;

/**
 * State key of a configuration recorder.
 *
 * @example
 * state.get(configRecorderKey(event, 'default'))?.strategy; // 'ALL_SUPPORTED_RESOURCE_TYPES'
 */
export function configRecorderKey(scope: Scope, name: string): StateKey<RecorderScope> {
  return stateKey<RecorderScope>('config-recorder', scope.account, scope.region, name);
}

/**
 * State key of a delivery channel.
 *
 * @example
 * state.get(deliveryChannelKey(event, 'default'))?.s3BucketName; // 'config-bucket-111122223333'
 */
export function deliveryChannelKey(scope: Scope, name: string): StateKey<DeliveryChannel> {
  return stateKey<DeliveryChannel>('config-delivery-channel', scope.account, scope.region, name);
}

const recorderLearner: StateLearner = {
  name: 'config-recorder',
  events: [{ source: CONFIG, names: ['PutConfigurationRecorder', 'DeleteConfigurationRecorder'] }],
  learn(event) {
    if (event.eventName === 'DeleteConfigurationRecorder') {
      const name = str(event.requestParameters, 'configurationRecorderName');
      return name ? [forget(configRecorderKey(event, name))] : NONE;
    }
    const recorder = readRecorder(event.requestParameters);
    return recorder ? [put(configRecorderKey(event, recorder.name), recorder)] : NONE;
  },
};

const deliveryChannelLearner: StateLearner = {
  name: 'config-delivery-channel',
  events: [{ source: CONFIG, names: ['PutDeliveryChannel', 'DeleteDeliveryChannel'] }],
  learn(event) {
    if (event.eventName === 'DeleteDeliveryChannel') {
      const name = str(event.requestParameters, 'deliveryChannelName');
      return name ? [forget(deliveryChannelKey(event, name))] : NONE;
    }
    const channel = readDeliveryChannel(event.requestParameters);
    return channel ? [put(deliveryChannelKey(event, channel.name), channel)] : NONE;
  },
};

/** Learners for AWS Config recorders and delivery channels. */
export const configLearners: readonly StateLearner[] = [recorderLearner, deliveryChannelLearner];

import { cloudTrailLearners } from './cloudtrail.js';
import { configLearners } from './config.js';
import { iamLearners } from './iam.js';
import type { StateLearner } from './learner.js';
import { passwordPolicyLearners } from './password-policy.js';
import { s3Learners } from './s3.js';

/** Every state learner, explicitly listed (no directory scanning: it must survive bundling). */
export const LEARNERS: readonly StateLearner[] = [
  ...iamLearners,
  ...passwordPolicyLearners,
  ...s3Learners,
  ...cloudTrailLearners,
  ...configLearners,
];

const index = new Map<string, StateLearner[]>();
for (const learner of LEARNERS) {
  for (const selector of learner.events) {
    for (const name of selector.names) {
      const key = `${selector.source}\u0000${name}`;
      index.set(key, [...(index.get(key) ?? []), learner]);
    }
  }
}
const NONE: readonly StateLearner[] = [];

/** Learners interested in an event. */
export function learnersFor(eventSource: string, eventName: string): readonly StateLearner[] {
  return index.get(`${eventSource}\u0000${eventName}`) ?? NONE;
}

import { LEARNERS } from '../state/learners/index.js';
import type { StateLearner } from '../state/learners/learner.js';

const NONE: readonly StateLearner[] = Object.freeze([]);

/**
 * The state learners by `eventSource`, then `eventName`: the same lists, in the same order, as
 * `learnersFor`, but looked up without building a `source + name` key for every event.
 */
const bySource = new Map<string, Map<string, StateLearner[]>>();
for (const learner of LEARNERS) {
  for (const selector of learner.events) {
    let names = bySource.get(selector.source);
    if (!names) {
      names = new Map();
      bySource.set(selector.source, names);
    }
    for (const name of selector.names) names.set(name, [...(names.get(name) ?? []), learner]);
  }
}

/**
 * Learners interested in an event (what `learnersFor` answers).
 *
 * @example
 * for (const learner of eventLearners('iam.amazonaws.com', 'CreateUser')) state.apply(learner.learn(event, state));
 */
export function eventLearners(eventSource: string, eventName: string): readonly StateLearner[] {
  return bySource.get(eventSource)?.get(eventName) ?? NONE;
}

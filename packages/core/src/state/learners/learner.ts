import type { ChangeEvent } from '../../events/change-event.js';
import type { EventSelector } from '../../rules/define-rule.js';
import type { StateUpdate, StateView } from '../state.js';

/**
 * Derives state updates from a *successful* event (a new policy version, a new password
 * policy, a trail's bucket …). Runs after the rules, so rules see the state before the event.
 */
export interface StateLearner {
  readonly name: string;
  readonly events: readonly EventSelector[];
  learn(event: ChangeEvent, state: StateView): readonly StateUpdate[];
}

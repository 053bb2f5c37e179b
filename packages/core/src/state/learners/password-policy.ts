import type { StateLearner } from './learner.js';

export const passwordPolicyLearners: readonly StateLearner[] = [];

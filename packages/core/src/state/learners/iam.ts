import type { StateLearner } from './learner.js';

export const iamLearners: readonly StateLearner[] = [];

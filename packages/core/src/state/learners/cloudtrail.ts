import type { StateLearner } from './learner.js';

export const cloudTrailLearners: readonly StateLearner[] = [];

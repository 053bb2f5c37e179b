import type { StateLearner } from './learner.js';

export const s3Learners: readonly StateLearner[] = [];

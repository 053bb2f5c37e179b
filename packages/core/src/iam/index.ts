/**
 * IAM policy analysis: parsing, wildcard matching, grants analysis, widening and
 * evaluation. Everything here is pure (no AWS SDK, no I/O).
 */

export * from './aws-cli-output.js';
export * from './conditions.js';
export * from './context-keys.js';
export * from './escalation.js';
export * from './evaluate.js';
export * from './grants.js';
export * from './parse.js';
export * from './policy-set.js';
export * from './principal-match.js';
export * from './principals.js';
export * from './simulate-request.js';
export type * from './types.js';
export * from './widening.js';
export * from './wildcard.js';

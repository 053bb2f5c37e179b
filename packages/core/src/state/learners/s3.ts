import type { ChangeEvent } from '../../events/change-event.js';
import {
  bucketOf,
  bucketPolicyInput,
  type PublicAccessBlockFlags,
  readPublicAccessBlock,
} from '../../rules/shared/s3-request.js';
import { forget, put, type StateKey, type StateUpdate, stateKey } from '../state.js';
import type { StateLearner } from './learner.js';

/**
 * What trailwarden remembers about S3 from successful CloudTrail calls: each bucket's policy
 * and Block Public Access configuration, and each account's Block Public Access
 * configuration. The S3 rules compare a new call with this "before" picture (a secure
 * transport deny that disappears, a Block Public Access flag that goes from on to off).
 *
 * Bucket names are global (one namespace per partition), so bucket keys need no account.
 */

const S3 = 's3.amazonaws.com';
const NONE: readonly StateUpdate[] = [];

/**
 * Account-level Block Public Access calls. CloudTrail names them after the IAM actions
 * (`PutAccountPublicAccessBlock`); the S3 Control operation names are accepted as well.
 */
export const ACCOUNT_PUBLIC_ACCESS_BLOCK_PUTS = [
  'PutAccountPublicAccessBlock',
  'PutPublicAccessBlock',
] as const;
export const ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES = [
  'DeleteAccountPublicAccessBlock',
  'DeletePublicAccessBlock',
] as const;

/**
 * State key of a bucket's policy, stored as the JSON text of the document last put.
 *
 * @example
 * state.get(bucketPolicyKey('amzn-s3-demo-bucket')); // '{"Version":"2012-10-17","Statement":[…]}'
 */
export function bucketPolicyKey(bucket: string): StateKey<string> {
  return stateKey<string>('s3-bucket-policy', bucket);
}

/**
 * State key of a bucket's Block Public Access configuration.
 *
 * @example
 * state.get(bucketPublicAccessBlockKey('amzn-s3-demo-bucket'))?.BlockPublicPolicy; // true
 */
export function bucketPublicAccessBlockKey(bucket: string): StateKey<PublicAccessBlockFlags> {
  return stateKey<PublicAccessBlockFlags>('s3-bucket-public-access-block', bucket);
}

/**
 * State key of an account's Block Public Access configuration.
 *
 * @example
 * state.get(accountPublicAccessBlockKey('111122223333'))?.RestrictPublicBuckets; // true
 */
export function accountPublicAccessBlockKey(account: string): StateKey<PublicAccessBlockFlags> {
  return stateKey<PublicAccessBlockFlags>('s3-account-public-access-block', account);
}

/** The policy text to remember: objects (as CloudTrail writes them) are serialized. */
function policyText(event: ChangeEvent): string | undefined {
  const input = bucketPolicyInput(event);
  if (input === undefined) return undefined;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

const bucketPolicyLearner: StateLearner = {
  name: 's3-bucket-policy',
  events: [{ source: S3, names: ['PutBucketPolicy', 'DeleteBucketPolicy'] }],
  learn(event) {
    const bucket = bucketOf(event);
    if (!bucket) return NONE;
    const key = bucketPolicyKey(bucket);
    if (event.eventName === 'DeleteBucketPolicy') return [forget(key)];
    const text = policyText(event);
    return text === undefined ? NONE : [put(key, text)];
  },
};

const bucketPublicAccessBlockLearner: StateLearner = {
  name: 's3-bucket-public-access-block',
  events: [{ source: S3, names: ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'] }],
  learn(event) {
    const bucket = bucketOf(event);
    if (!bucket) return NONE;
    const key = bucketPublicAccessBlockKey(bucket);
    if (event.eventName === 'DeleteBucketPublicAccessBlock') return [forget(key)];
    const flags = readPublicAccessBlock(event.requestParameters);
    return flags ? [put(key, flags)] : NONE;
  },
};

const accountPublicAccessBlockLearner: StateLearner = {
  name: 's3-account-public-access-block',
  events: [
    { source: S3, names: [...ACCOUNT_PUBLIC_ACCESS_BLOCK_PUTS, ...ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES] },
  ],
  learn(event) {
    const key = accountPublicAccessBlockKey(event.account);
    if ((ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES as readonly string[]).includes(event.eventName))
      return [forget(key)];
    const flags = readPublicAccessBlock(event.requestParameters);
    return flags ? [put(key, flags)] : NONE;
  },
};

/** Learners for S3 bucket policies and Block Public Access (bucket and account level). */
export const s3Learners: readonly StateLearner[] = [
  bucketPolicyLearner,
  bucketPublicAccessBlockLearner,
  accountPublicAccessBlockLearner,
];

import { accountPublicAccessBlockKey, bucketPublicAccessBlockKey } from '../../state/learners/s3.js';
import type { StateView } from '../../state/state.js';
import { PUBLIC_ACCESS_BLOCK_FLAGS, type PublicAccessBlockFlag } from './s3-request.js';

/** The Block Public Access protection known to apply to a bucket, and where it comes from. */
export interface KnownPublicAccessBlock {
  /** Flags that are on at bucket or account level (S3 applies the most restrictive combination). */
  readonly on: readonly PublicAccessBlockFlag[];
  /** `bucket`, `account`, both, or neither when nothing is known. */
  readonly sources: readonly ('bucket' | 'account')[];
}

/**
 * What trailwarden knows of the Block Public Access settings that protect a bucket: S3
 * combines the bucket's and the account's configuration, a flag on at either level applies.
 * Rules use it to tell a public grant that takes effect now from one that Block Public
 * Access neutralizes (still worth a finding: it becomes live the day the block is lifted).
 *
 * @example
 * knownPublicAccessBlock(state, '111122223333', 'amzn-s3-demo-bucket').on.includes('RestrictPublicBuckets');
 */
export function knownPublicAccessBlock(
  state: StateView,
  account: string,
  bucket: string,
): KnownPublicAccessBlock {
  const bucketFlags = state.get(bucketPublicAccessBlockKey(bucket));
  const accountFlags = state.get(accountPublicAccessBlockKey(account));
  const on = PUBLIC_ACCESS_BLOCK_FLAGS.filter(
    (flag) => bucketFlags?.[flag] === true || accountFlags?.[flag] === true,
  );
  const sources: ('bucket' | 'account')[] = [];
  if (bucketFlags) sources.push('bucket');
  if (accountFlags) sources.push('account');
  return { on, sources };
}

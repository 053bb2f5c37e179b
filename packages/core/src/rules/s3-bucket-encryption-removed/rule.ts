import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { bucketArn, bucketOf } from '../shared/s3-request.js';

/**
 * A bucket's default encryption configuration deleted (`DeleteBucketEncryption`).
 *
 * Since January 2023 S3 encrypts every new object with SSE-S3 when a bucket has no
 * configuration, so the deletion does not leave objects in clear text; what it removes is the
 * customer's choice of key: SSE-KMS with a customer managed key (whose key policy is a second
 * access control and whose use is logged) or DSSE-KMS. New objects silently fall back to
 * S3-managed keys. Medium, as in the detection catalog (S3.4); failed calls are not judged.
 */
export default defineRule({
  id: 's3-bucket-encryption-removed',
  title: 'S3 bucket default encryption removed',
  description:
    'DeleteBucketEncryption: the bucket no longer applies the configured default encryption (for example SSE-KMS with a customer managed key); new objects fall back to SSE-S3.',
  category: 's3_encryption_removed',
  severity: 'medium',
  events: [{ source: 's3.amazonaws.com', names: ['DeleteBucketEncryption'] }],
  references: {
    securityHub: ['S3.4'],
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    ],
  },
  runbook: `## What to check
1. What encryption did the bucket use before (SSE-KMS with which key)? Check the account's
   earlier \`PutBucketEncryption\` calls, or AWS Config's history of the bucket:
   \`aws configservice get-resource-config-history --resource-type AWS::S3::Bucket --resource-id BUCKET\`
2. Does the bucket hold data that policy requires under a customer managed key (regulated
   data, data shared only through a key policy)?
3. Was the change planned (ticket, deploy pipeline) or made by an unexpected principal?

## How to fix
- Restore default encryption with the intended key:
  \`aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"},"BucketKeyEnabled":true}]}'\`
- Re-encrypt objects written since the change (S3 Batch Operations copy with the right key).
- Enforce it: a bucket policy denying \`s3:PutObject\` without \`s3:x-amz-server-side-encryption: aws:kms\`.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    return {
      summary: `${actorLabel(event.actor)} deleted the default encryption configuration of bucket ${bucket} in ${whereLabel(event)}; new objects fall back to SSE-S3.`,
      resources: [bucketArn(bucket, event.region)],
      context: { bucket },
      dedupe: [bucket],
    };
  },
});

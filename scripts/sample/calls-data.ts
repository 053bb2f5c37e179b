import type { Env } from './names.js';
import { bucketResource, type CallSpec } from './records.js';

/**
 * Benign calls to data services, shaped as CloudTrail records them: S3 bucket-level
 * management calls (object-level calls are data events, not in a management trail), KMS,
 * Secrets Manager, Systems Manager parameters, DynamoDB and CloudWatch Logs.
 */

const S3 = 's3.amazonaws.com';

function bucketCall(env: Env, name: string, subresource: string | undefined, readOnly = true): CallSpec {
  const bucket = env.rng.pick(env.names.buckets(env.account, env.region));
  const host = `${bucket}.s3.${env.region}.amazonaws.com`;
  return {
    source: S3,
    name,
    readOnly,
    params: { bucketName: bucket, Host: host, ...(subresource !== undefined && { [subresource]: [''] }) },
    resources: [bucketResource(env.account, bucket)],
    host,
  };
}

export function listBuckets(): CallSpec {
  return {
    source: S3,
    name: 'ListBuckets',
    readOnly: true,
    params: { Host: 's3.amazonaws.com' },
    host: 's3.amazonaws.com',
  };
}

export function getBucketLocation(env: Env): CallSpec {
  return bucketCall(env, 'GetBucketLocation', 'location');
}

export function getBucketVersioning(env: Env): CallSpec {
  return bucketCall(env, 'GetBucketVersioning', 'versioning');
}

export function getBucketEncryption(env: Env): CallSpec {
  return bucketCall(env, 'GetBucketEncryption', 'encryption');
}

export function getBucketPolicyStatus(env: Env): CallSpec {
  return bucketCall(env, 'GetBucketPolicyStatus', 'policyStatus');
}

export function getBucketAcl(env: Env): CallSpec {
  return bucketCall(env, 'GetBucketAcl', 'acl');
}

/** Most buckets have no policy: S3 answers `NoSuchBucketPolicy`, an error that is not a denial. */
export function getBucketPolicy(env: Env): CallSpec {
  const call = bucketCall(env, 'GetBucketPolicy', 'policy');
  if (!env.rng.chance(0.6)) return call;
  return { ...call, error: { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' } };
}

export function getBucketTagging(env: Env): CallSpec {
  const call = bucketCall(env, 'GetBucketTagging', 'tagging');
  if (!env.rng.chance(0.4)) return call;
  return { ...call, error: { code: 'NoSuchTagSet', message: 'The TagSet does not exist' } };
}

function keyResource(env: Env): Record<string, unknown>[] {
  return [{ accountId: env.account, type: 'AWS::KMS::Key', ARN: env.names.keyArn(env.account, env.region) }];
}

export function kmsDecrypt(env: Env, context: Record<string, string>): CallSpec {
  return {
    source: 'kms.amazonaws.com',
    name: 'Decrypt',
    readOnly: true,
    params: { encryptionContext: context, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    resources: keyResource(env),
  };
}

export function kmsGenerateDataKey(env: Env): CallSpec {
  return {
    source: 'kms.amazonaws.com',
    name: 'GenerateDataKey',
    readOnly: true,
    params: {
      keyId: `alias/orders-${env.names.env(env.account)}`,
      keySpec: 'AES_256',
      encryptionContext: { 'aws:dynamodb:tableName': env.names.table(env.account) },
    },
    resources: keyResource(env),
  };
}

/** KMS rotating a key on its yearly schedule: an `AwsServiceEvent` with no caller. */
export function kmsRotateKey(env: Env): CallSpec {
  return {
    source: 'kms.amazonaws.com',
    name: 'RotateKey',
    readOnly: false,
    eventType: 'AwsServiceEvent',
    additional: { keyId: env.names.keyArn(env.account, env.region) },
    resources: keyResource(env),
  };
}

export function getSecretValue(env: Env): CallSpec {
  return {
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    readOnly: true,
    params: { secretId: env.names.secretArn(env.account, env.region) },
  };
}

export function getParameter(env: Env): CallSpec {
  const env_ = env.names.env(env.account);
  const name = env.rng.pick([
    `/orders/${env_}/feature-flags`,
    `/orders/${env_}/api-base-url`,
    `/shared/${env_}/vpc-id`,
  ]);
  return {
    source: 'ssm.amazonaws.com',
    name: 'GetParameter',
    readOnly: true,
    params: { name, withDecryption: false },
  };
}

export function getParametersByPath(env: Env): CallSpec {
  return {
    source: 'ssm.amazonaws.com',
    name: 'GetParametersByPath',
    readOnly: true,
    params: { path: `/orders/${env.names.env(env.account)}/`, recursive: true, withDecryption: true },
  };
}

export function describeTable(env: Env): CallSpec {
  return {
    source: 'dynamodb.amazonaws.com',
    name: 'DescribeTable',
    readOnly: true,
    params: { tableName: env.names.table(env.account) },
    resources: [
      {
        accountId: env.account,
        type: 'AWS::DynamoDB::Table',
        ARN: `arn:aws:dynamodb:${env.region}:${env.account}:table/${env.names.table(env.account)}`,
      },
    ],
  };
}

export function createLogStream(env: Env, functionName: string, timeMs: number): CallSpec {
  const day = new Date(timeMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    source: 'logs.amazonaws.com',
    name: 'CreateLogStream',
    readOnly: false,
    params: {
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `${day}/[$LATEST]${env.rng.hex(32)}`,
    },
  };
}

export function describeLogGroups(env: Env): CallSpec {
  return {
    source: 'logs.amazonaws.com',
    name: 'DescribeLogGroups',
    readOnly: true,
    params: { logGroupNamePrefix: env.rng.pick(['/aws/lambda/', '/ecs/orders-api']), limit: 50 },
  };
}

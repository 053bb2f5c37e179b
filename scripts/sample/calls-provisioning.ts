import type { Env } from './names.js';
import { bucketResource, type CallSpec } from './records.js';

/**
 * What CloudFormation does while it applies a stack: create a function with its role (trusted
 * by Lambda only, with the AWS managed basic-execution policy and a table-scoped inline
 * policy), its log group, and a bucket hardened on creation (encryption, Block Public
 * Access on, versioning). These are the changes a monitor must let through quietly.
 */

const IAM = 'iam.amazonaws.com';

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** The calls that create a new Lambda function and what it needs. */
export function newFunctionCalls(env: Env, suffix: string): CallSpec[] {
  const { account, region } = env;
  const functionName = `orders-report-${suffix}`;
  const roleName = `orders-service-ReportRole-${suffix.toUpperCase()}`;
  const roleArn = `arn:aws:iam::${account}:role/${roleName}`;
  const table = `arn:aws:dynamodb:${region}:${account}:table/${env.names.table(account)}`;
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const inline = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: [table, `${table}/index/*`],
      },
    ],
  };
  const host = 'iam.amazonaws.com';
  return [
    {
      source: IAM,
      name: 'CreateRole',
      readOnly: false,
      host,
      params: {
        roleName,
        assumeRolePolicyDocument: json(trust),
        tags: [{ key: 'aws:cloudformation:stack-name', value: env.names.stack(account) }],
      },
      response: {
        role: {
          path: '/',
          roleName,
          roleId: `AROA${env.names.id(`new-role/${account}/${suffix}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
          arn: roleArn,
          assumeRolePolicyDocument: encodeURIComponent(json(trust)),
        },
      },
    },
    {
      source: IAM,
      name: 'AttachRolePolicy',
      readOnly: false,
      host,
      params: { roleName, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
    },
    {
      source: IAM,
      name: 'PutRolePolicy',
      readOnly: false,
      host,
      params: { roleName, policyName: 'ReadOrdersTable', policyDocument: json(inline) },
    },
    {
      source: 'logs.amazonaws.com',
      name: 'CreateLogGroup',
      readOnly: false,
      params: { logGroupName: `/aws/lambda/${functionName}` },
    },
    {
      source: 'logs.amazonaws.com',
      name: 'PutRetentionPolicy',
      readOnly: false,
      params: { logGroupName: `/aws/lambda/${functionName}`, retentionInDays: 90 },
    },
    {
      source: 'lambda.amazonaws.com',
      name: 'CreateFunction20150331',
      readOnly: false,
      params: {
        functionName,
        runtime: 'nodejs20.x',
        role: roleArn,
        handler: 'index.handler',
        code: {},
        timeout: 60,
        memorySize: 256,
        publish: false,
        architectures: ['arm64'],
      },
      response: {
        functionName,
        functionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
        runtime: 'nodejs20.x',
        role: roleArn,
        state: 'Pending',
        stateReasonCode: 'Creating',
      },
    },
  ];
}

/** The calls that create a bucket with the organization's baseline. */
export function newBucketCalls(env: Env, suffix: string): CallSpec[] {
  const { account, region } = env;
  const bucket = `examplecorp-${env.names.env(account)}-reports-${suffix}-${region}`;
  const host = `${bucket}.s3.${region}.amazonaws.com`;
  const resources = [bucketResource(account, bucket)];
  const base = (name: string, extra: Record<string, unknown>): CallSpec => ({
    source: 's3.amazonaws.com',
    name,
    readOnly: false,
    params: { bucketName: bucket, Host: host, ...extra },
    resources,
    host,
  });
  const xmlns = 'http://s3.amazonaws.com/doc/2006-03-01/';
  return [
    base(
      'CreateBucket',
      region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region, xmlns } },
    ),
    base('PutBucketEncryption', {
      encryption: [''],
      ServerSideEncryptionConfiguration: {
        xmlns,
        Rule: {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: env.names.keyArn(account, region),
          },
          BucketKeyEnabled: true,
        },
      },
    }),
    base('PutBucketPublicAccessBlock', {
      publicAccessBlock: [''],
      PublicAccessBlockConfiguration: {
        xmlns,
        RestrictPublicBuckets: true,
        BlockPublicPolicy: true,
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
      },
    }),
    base('PutBucketVersioning', { versioning: [''], VersioningConfiguration: { Status: 'Enabled', xmlns } }),
    base('PutBucketTagging', {
      tagging: [''],
      Tagging: {
        xmlns,
        TagSet: { Tag: [{ Key: 'aws:cloudformation:stack-name', Value: env.names.stack(account, 'data') }] },
      },
    }),
  ];
}

/** A routine stack update: new function configuration and an inline policy rewritten unchanged. */
export function stackUpdateCalls(env: Env): CallSpec[] {
  const functionName = env.rng.pick(env.names.functions());
  return [
    {
      source: 'lambda.amazonaws.com',
      name: 'UpdateFunctionConfiguration20150331v2',
      readOnly: false,
      params: {
        functionName,
        environment: {},
        timeout: env.rng.pick([30, 60, 90]),
        memorySize: env.rng.pick([256, 512, 1024]),
      },
    },
    {
      source: 'lambda.amazonaws.com',
      name: 'TagResource20170331v2',
      readOnly: false,
      params: {
        resource: `arn:aws:lambda:${env.region}:${env.account}:function:${functionName}`,
        tags: { 'aws:cloudformation:stack-name': env.names.stack(env.account) },
      },
    },
  ];
}

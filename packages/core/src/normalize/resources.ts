import { type Bag, bagOf, EMPTY_BAG, text } from './values.js';

/** Where an event happened, for building ARNs from bare names. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** Builds an ARN from a parameter value; `params` are the call's other request parameters. */
type ArnBuilder = (value: string, scope: ArnScope, params?: Bag) => string;

/** The partition of a region: China and GovCloud have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A lookup table by event source (a Map: looked up once per event with a variable key). */
function tableOf<T>(entries: Readonly<Record<string, T>>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

/** Keeps a value that already is an ARN, else builds one. */
const orArn =
  (build: ArnBuilder): ArnBuilder =>
  (value, scope) =>
    value.startsWith('arn:') ? value : build(value, scope);

/**
 * IAM ARNs include the entity's path. Only creations carry it (`CreateUser` with
 * `path: "/service/"`); elsewhere a name alone gives the path-less ARN, which is right for
 * the usual entities at `/` and is the best a single record can tell.
 */
const iam =
  (kind: string): ArnBuilder =>
  (name, { partition, account }, params) => {
    const path = text(params?.path);
    const prefix = path?.startsWith('/') && path.endsWith('/') ? path : '/';
    return `arn:${partition}:iam::${account}:${kind}${prefix}${name}`;
  };

const regional =
  (service: string, resource: string): ArnBuilder =>
  (id, { partition, region, account }) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}${id}`;

const kmsKey: ArnBuilder = orArn((id, scope) =>
  id.startsWith('alias/') ? regional('kms', '')(id, scope) : regional('kms', 'key/')(id, scope),
);

const securityGroup = regional('ec2', 'security-group/');

/** Only values that already are ARNs (the id alone does not determine one). */
const arnOnly: ArnBuilder = (value) => (value.startsWith('arn:') ? value : '');

/** `https://sqs.us-east-1.amazonaws.com/111122223333/orders` → the queue ARN. */
const sqsQueue: ArnBuilder = (url, { partition, region, account }) => {
  const parts = url.split('/');
  const name = parts.at(-1);
  const owner = parts.at(-2);
  return name
    ? `arn:${partition}:sqs:${region}:${owner && isAccountId(owner) ? owner : account}:${name}`
    : '';
};

/** Twelve decimal digits (no regex: checked per SQS event). */
function isAccountId(value: string): boolean {
  if (value.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * Request parameters that name a resource, per event source: parameter → ARN. Kept small
 * and explicit: these are the resources the rule catalog judges (buckets, IAM principals and
 * policies, trails, keys, security groups, detectors …).
 */
const REQUEST_PARAMETER_ARNS: ReadonlyMap<string, readonly (readonly [string, ArnBuilder])[]> = tableOf({
  's3.amazonaws.com': [['bucketName', (bucket, { partition }) => `arn:${partition}:s3:::${bucket}`]],
  'iam.amazonaws.com': [
    ['userName', iam('user')],
    ['roleName', iam('role')],
    ['groupName', iam('group')],
    ['policyArn', arnOnly],
    ['instanceProfileName', iam('instance-profile')],
    ['serialNumber', arnOnly],
    ['openIDConnectProviderArn', arnOnly],
    ['sAMLProviderArn', arnOnly],
  ],
  'cloudtrail.amazonaws.com': [
    ['name', orArn(regional('cloudtrail', 'trail/'))],
    ['trailName', orArn(regional('cloudtrail', 'trail/'))],
  ],
  'kms.amazonaws.com': [['keyId', kmsKey]],
  'ec2.amazonaws.com': [
    ['groupId', securityGroup],
    ['snapshotId', (id, { partition, region }) => `arn:${partition}:ec2:${region}::snapshot/${id}`],
    ['imageId', (id, { partition, region }) => `arn:${partition}:ec2:${region}::image/${id}`],
    ['vpcId', regional('ec2', 'vpc/')],
  ],
  'guardduty.amazonaws.com': [['detectorId', regional('guardduty', 'detector/')]],
  'securityhub.amazonaws.com': [['hubArn', arnOnly]],
  'lambda.amazonaws.com': [['functionName', orArn(regional('lambda', 'function:'))]],
  'sns.amazonaws.com': [['topicArn', arnOnly]],
  'sqs.amazonaws.com': [['queueUrl', sqsQueue]],
  'secretsmanager.amazonaws.com': [['secretId', arnOnly]],
  'rds.amazonaws.com': [
    ['dBSnapshotIdentifier', orArn(regional('rds', 'snapshot:'))],
    ['dBClusterSnapshotIdentifier', orArn(regional('rds', 'cluster-snapshot:'))],
    ['dBInstanceIdentifier', orArn(regional('rds', 'db:'))],
  ],
  'ecr.amazonaws.com': [['repositoryName', regional('ecr', 'repository/')]],
  'logs.amazonaws.com': [['logGroupName', regional('logs', 'log-group:')]],
  'sts.amazonaws.com': [['roleArn', arnOnly]],
});

/**
 * Response elements that carry the ARN of what a call created (`[object, field]`), for
 * creations whose request only has a name (`CreatePolicy` with a path, `CreateKey`).
 */
const RESPONSE_ARNS: ReadonlyMap<string, readonly (readonly [string, string])[]> = tableOf({
  'iam.amazonaws.com': [
    ['user', 'arn'],
    ['role', 'arn'],
    ['group', 'arn'],
    ['policy', 'arn'],
    ['instanceProfile', 'arn'],
  ],
  'kms.amazonaws.com': [['keyMetadata', 'arn']],
  'cloudtrail.amazonaws.com': [['', 'trailARN']],
  'ec2.amazonaws.com': [['', 'groupId']],
});

/** Appends an ARN unless it is empty or already listed (lists hold one to three ARNs). */
function add(into: string[], arn: string | undefined): void {
  if (!arn) return;
  for (let i = 0; i < into.length; i++) if (into[i] === arn) return;
  into.push(arn);
}

/**
 * The ARNs a CloudTrail call touched: `resources[].ARN`, then the well-known request
 * parameters of its event source, then created resources from the response.
 *
 * @example
 * collectResources('s3.amazonaws.com', undefined, { bucketName: 'logs' }, {}, { partition: 'aws', region: 'us-east-1', account: '111122223333' });
 * // ['arn:aws:s3:::logs']
 */
export function collectResources(
  eventSource: string,
  recordResources: unknown,
  requestParameters: Bag,
  responseElements: Bag,
  scope: ArnScope,
): string[] {
  return gather(
    eventSource,
    recordResources,
    requestParameters,
    responseElements,
    scope,
    scope.region,
    scope.account,
  );
}

/**
 * {@link collectResources} for the record reader: the scope is built only when an ARN has to
 * be built from a bare name, which most records never need.
 */
export function collectRecordResources(
  eventSource: string,
  recordResources: unknown,
  requestParameters: Bag,
  responseElements: Bag,
  region: string,
  account: string,
): string[] {
  return gather(
    eventSource,
    recordResources,
    requestParameters,
    responseElements,
    undefined,
    region,
    account,
  );
}

function gather(
  eventSource: string,
  recordResources: unknown,
  requestParameters: Bag,
  responseElements: Bag,
  given: ArnScope | undefined,
  region: string,
  account: string,
): string[] {
  let scope = given;
  const arns: string[] = [];
  if (Array.isArray(recordResources)) {
    for (let i = 0; i < recordResources.length; i++) add(arns, text(bagOf(recordResources[i])?.ARN));
  }
  const params = requestParameters === EMPTY_BAG ? undefined : REQUEST_PARAMETER_ARNS.get(eventSource);
  if (params) {
    for (let i = 0; i < params.length; i++) {
      const entry = params[i]!;
      const value = text(requestParameters[entry[0]]);
      if (!value) continue;
      scope ??= { partition: partitionOf(region), region, account };
      add(arns, entry[1](value, scope, requestParameters));
    }
  }
  const created = responseElements === EMPTY_BAG ? undefined : RESPONSE_ARNS.get(eventSource);
  if (created) {
    for (let i = 0; i < created.length; i++) {
      const entry = created[i]!;
      const outer = entry[0];
      const holder = outer === '' ? responseElements : bagOf(responseElements[outer]);
      const value = text(holder?.[entry[1]]);
      if (value === undefined) continue;
      // EC2 answers CreateSecurityGroup with a bare group id.
      if (value.startsWith('arn:')) add(arns, value);
      else if (value.startsWith('sg-')) {
        scope ??= { partition: partitionOf(region), region, account };
        add(arns, securityGroup(value, scope));
      }
    }
  }
  return arns;
}

/**
 * Config resource types whose ARN follows from the resource id alone. IAM resources are
 * absent on purpose: Config's IAM resource id is the unique id (`AIDA…`), not the name.
 */
const CONFIG_TYPE_ARNS: Readonly<Record<string, ArnBuilder>> = {
  'AWS::S3::Bucket': (bucket, { partition }) => `arn:${partition}:s3:::${bucket}`,
  'AWS::EC2::SecurityGroup': regional('ec2', 'security-group/'),
  'AWS::EC2::Instance': regional('ec2', 'instance/'),
  'AWS::EC2::Volume': regional('ec2', 'volume/'),
  'AWS::EC2::VPC': regional('ec2', 'vpc/'),
  'AWS::KMS::Key': kmsKey,
  'AWS::CloudTrail::Trail': orArn(regional('cloudtrail', 'trail/')),
  'AWS::Lambda::Function': orArn(regional('lambda', 'function:')),
  'AWS::GuardDuty::Detector': regional('guardduty', 'detector/'),
};

/**
 * The ARN of a Config resource from its type and id, when the id is an ARN or the type's
 * ARN is built from the id; else undefined.
 *
 * @example
 * configResourceArn('AWS::S3::Bucket', 'logs', { partition: 'aws', region: 'us-east-1', account: '111122223333' });
 * // 'arn:aws:s3:::logs'
 */
export function configResourceArn(
  resourceType: string,
  resourceId: string,
  scope: ArnScope,
): string | undefined {
  if (resourceId.startsWith('arn:')) return resourceId;
  return CONFIG_TYPE_ARNS[resourceType]?.(resourceId, scope) || undefined;
}

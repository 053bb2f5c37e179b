/**
 * What a finding's resource ARN is, in the vocabularies of the two output formats: the ASFF
 * `Resources[].Type` (`AwsIamUser`, `AwsS3Bucket` …, `Other` when Security Hub has no type for
 * it) and the CloudFormation type name (`AWS::IAM::User`) that OCSF producers such as Amazon
 * Security Lake use for `resources[].type`.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources.html
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Resource.html
 */

/** The partitions Security Hub accepts in `Resources[].Partition`. */
export const AWS_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

export interface ResourceKind {
  /** ASFF resource type, `Other` when there is none. */
  readonly asff: string;
  /** CloudFormation resource type, e.g. `AWS::IAM::User`; `AWS::<Service>::Resource` when unknown. */
  readonly cloudFormation: string;
}

export interface AwsResource {
  /** The id to publish: the ARN, or `AWS::::Account:<id>` for an account. */
  readonly id: string;
  readonly kind: ResourceKind;
  /** Partition from the ARN, when it is one Security Hub knows. */
  readonly partition?: AwsPartition;
  /** Region from the ARN; empty for global resources (IAM, S3 buckets). */
  readonly region?: string;
  /** Account from the ARN; empty for S3 buckets. */
  readonly account?: string;
  /** The ARN's resource part without its type, e.g. the user name or bucket name. */
  readonly name?: string;
}

/** `service:resourceType` → kinds. The resource type is the ARN resource part before `/` or `:`. */
const KINDS: Readonly<Record<string, ResourceKind>> = {
  'iam:user': { asff: 'AwsIamUser', cloudFormation: 'AWS::IAM::User' },
  'iam:role': { asff: 'AwsIamRole', cloudFormation: 'AWS::IAM::Role' },
  'iam:policy': { asff: 'AwsIamPolicy', cloudFormation: 'AWS::IAM::ManagedPolicy' },
  'iam:group': { asff: 'AwsIamGroup', cloudFormation: 'AWS::IAM::Group' },
  'iam:mfa': { asff: 'Other', cloudFormation: 'AWS::IAM::VirtualMFADevice' },
  'iam:instance-profile': { asff: 'Other', cloudFormation: 'AWS::IAM::InstanceProfile' },
  's3:bucket': { asff: 'AwsS3Bucket', cloudFormation: 'AWS::S3::Bucket' },
  's3:object': { asff: 'AwsS3Object', cloudFormation: 'AWS::S3::Object' },
  'kms:key': { asff: 'AwsKmsKey', cloudFormation: 'AWS::KMS::Key' },
  'kms:alias': { asff: 'Other', cloudFormation: 'AWS::KMS::Alias' },
  'ec2:security-group': { asff: 'AwsEc2SecurityGroup', cloudFormation: 'AWS::EC2::SecurityGroup' },
  'ec2:vpc': { asff: 'AwsEc2Vpc', cloudFormation: 'AWS::EC2::VPC' },
  'ec2:subnet': { asff: 'AwsEc2Subnet', cloudFormation: 'AWS::EC2::Subnet' },
  'ec2:network-acl': { asff: 'AwsEc2NetworkAcl', cloudFormation: 'AWS::EC2::NetworkAcl' },
  'ec2:route-table': { asff: 'AwsEc2RouteTable', cloudFormation: 'AWS::EC2::RouteTable' },
  'ec2:instance': { asff: 'AwsEc2Instance', cloudFormation: 'AWS::EC2::Instance' },
  'ec2:network-interface': { asff: 'AwsEc2NetworkInterface', cloudFormation: 'AWS::EC2::NetworkInterface' },
  'ec2:volume': { asff: 'AwsEc2Volume', cloudFormation: 'AWS::EC2::Volume' },
  'ec2:vpc-peering-connection': {
    asff: 'AwsEc2VpcPeeringConnection',
    cloudFormation: 'AWS::EC2::VPCPeeringConnection',
  },
  'ec2:transit-gateway': { asff: 'AwsEc2TransitGateway', cloudFormation: 'AWS::EC2::TransitGateway' },
  'ec2:launch-template': { asff: 'AwsEc2LaunchTemplate', cloudFormation: 'AWS::EC2::LaunchTemplate' },
  'ec2:internet-gateway': { asff: 'Other', cloudFormation: 'AWS::EC2::InternetGateway' },
  'ec2:customer-gateway': { asff: 'Other', cloudFormation: 'AWS::EC2::CustomerGateway' },
  'ec2:vpc-flow-log': { asff: 'Other', cloudFormation: 'AWS::EC2::FlowLog' },
  'cloudtrail:trail': { asff: 'AwsCloudTrailTrail', cloudFormation: 'AWS::CloudTrail::Trail' },
  'cloudtrail:eventdatastore': { asff: 'Other', cloudFormation: 'AWS::CloudTrail::EventDataStore' },
  'guardduty:detector': { asff: 'AwsGuardDutyDetector', cloudFormation: 'AWS::GuardDuty::Detector' },
  'securityhub:hub': { asff: 'Other', cloudFormation: 'AWS::SecurityHub::Hub' },
  'lambda:function': { asff: 'AwsLambdaFunction', cloudFormation: 'AWS::Lambda::Function' },
  'sns:topic': { asff: 'AwsSnsTopic', cloudFormation: 'AWS::SNS::Topic' },
  'sqs:queue': { asff: 'AwsSqsQueue', cloudFormation: 'AWS::SQS::Queue' },
  'secretsmanager:secret': { asff: 'AwsSecretsManagerSecret', cloudFormation: 'AWS::SecretsManager::Secret' },
  'dynamodb:table': { asff: 'AwsDynamoDbTable', cloudFormation: 'AWS::DynamoDB::Table' },
  'config:config-rule': { asff: 'Other', cloudFormation: 'AWS::Config::ConfigRule' },
  'account:account': { asff: 'AwsAccount', cloudFormation: 'AWS::::Account' },
};

const ACCOUNT_KIND = KINDS['account:account'] as ResourceKind;

/** Services whose ARNs name a queue/topic/bucket directly, without a resource-type prefix. */
const TYPELESS: Readonly<Record<string, string>> = { sns: 'topic', sqs: 'queue' };

/**
 * The Security Hub id of an account as a resource (`AWS::::Account:111122223333`), the form
 * Security Hub's own account-level control findings use.
 *
 * @example
 * accountResourceId('111122223333'); // 'AWS::::Account:111122223333'
 */
export function accountResourceId(account: string): string {
  return `AWS::::Account:${account}`;
}

/**
 * An account as a finding resource (the fallback when a finding names no resource, e.g. a root
 * console sign-in).
 *
 * @example
 * accountResource('111122223333').kind.asff; // 'AwsAccount'
 */
export function accountResource(account: string): AwsResource {
  return { id: accountResourceId(account), kind: ACCOUNT_KIND, account };
}

/**
 * Reads a resource ARN. Strings that are not ARNs are kept as `Other` resources rather than
 * dropped: the finding still names them and the reader can search for them.
 *
 * @example
 * describeResource('arn:aws:iam::111122223333:user/alice');
 * // { id: 'arn:aws:iam::111122223333:user/alice', kind: { asff: 'AwsIamUser', … }, partition: 'aws',
 * //   account: '111122223333', name: 'alice' }
 */
export function describeResource(value: string): AwsResource {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return { id: value, kind: { asff: 'Other', cloudFormation: 'Other' } };
  }
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  // The root principal (`arn:aws:iam::111122223333:root`) stands for the account itself.
  if (service === 'iam' && resource === 'root') return accountResource(account);
  const { type, name } = resourceTypeOf(service, resource);
  const kind = KINDS[`${service}:${type}`] ?? {
    asff: 'Other',
    cloudFormation: `AWS::${serviceTypeName(service)}::${pascal(type || 'Resource')}`,
  };
  return {
    id: value,
    kind,
    ...(isPartition(partition) && { partition }),
    ...(region !== '' && { region }),
    ...(account !== '' && { account }),
    ...(name !== '' && { name }),
  };
}

/**
 * The partition of a region (`cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`, else `aws`).
 *
 * @example
 * partitionOfRegion('cn-northwest-1'); // 'aws-cn'
 */
export function partitionOfRegion(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function isPartition(value: string): value is AwsPartition {
  return (AWS_PARTITIONS as readonly string[]).includes(value);
}

function resourceTypeOf(service: string, resource: string): { type: string; name: string } {
  if (service === 's3') {
    // `bucket` or `bucket/key`; access points and jobs carry a type prefix of their own.
    const slash = resource.indexOf('/');
    if (/^(accesspoint|job|storage-lens)[/:]/.test(resource)) return splitTyped(resource);
    return slash === -1 ? { type: 'bucket', name: resource } : { type: 'object', name: resource };
  }
  const typeless = TYPELESS[service];
  if (typeless !== undefined) return { type: typeless, name: resource };
  if (service === 'dynamodb') return { type: 'table', name: resource.replace(/^table\//, '') };
  return splitTyped(resource);
}

function splitTyped(resource: string): { type: string; name: string } {
  const match = /^([^/:]+)[/:](.*)$/.exec(resource);
  if (!match) return { type: resource, name: '' };
  const name = match[2] ?? '';
  // IAM paths (`user/service/svc-ses-smtp`): the name is the last segment.
  return { type: match[1] ?? '', name: name.slice(name.lastIndexOf('/') + 1) };
}

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  'access-analyzer': 'AccessAnalyzer',
  cloudtrail: 'CloudTrail',
  detective: 'Detective',
  ec2: 'EC2',
  guardduty: 'GuardDuty',
  iam: 'IAM',
  kms: 'KMS',
  s3: 'S3',
  securityhub: 'SecurityHub',
};

function serviceTypeName(service: string): string {
  return SERVICE_NAMES[service] ?? pascal(service);
}

function pascal(text: string): string {
  return text
    .split(/[-_]/)
    .filter((part) => part !== '')
    .map((part) => `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`)
    .join('');
}

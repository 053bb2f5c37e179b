import type { Env } from './names.js';
import type { CallSpec } from './records.js';
import { isoSeconds } from './time.js';

/**
 * Benign compute and deployment calls: EC2 reads and instance launches, Lambda, ECS, ECR
 * and CloudFormation, shaped as CloudTrail records them. EC2 read calls log no response.
 */

const EC2 = 'ec2.amazonaws.com';

const EC2_READS: readonly (readonly [string, Record<string, unknown>])[] = [
  ['DescribeInstances', { instancesSet: {}, filterSet: {} }],
  ['DescribeSecurityGroups', { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }],
  ['DescribeVpcs', { vpcSet: {}, filterSet: {} }],
  ['DescribeSubnets', { subnetSet: {}, filterSet: {} }],
  ['DescribeVolumes', { volumeSet: {}, filterSet: {} }],
  ['DescribeInstanceStatus', { instancesSet: {}, filterSet: {}, includeAllInstances: false }],
  ['DescribeAvailabilityZones', { availabilityZoneSet: {}, availabilityZoneIdSet: {} }],
  ['DescribeLaunchTemplates', { DescribeLaunchTemplatesRequest: { MaxResults: 100 } }],
];

export function ec2Read(env: Env): CallSpec {
  const [name, params] = env.rng.pick(EC2_READS);
  return { source: EC2, name, readOnly: true, params };
}

export function describeImages(env: Env): CallSpec {
  return {
    source: EC2,
    name: 'DescribeImages',
    readOnly: true,
    params: {
      executableBySet: {},
      imagesSet: { items: [{ imageId: env.names.imageId(env.region) }] },
      ownersSet: {},
      includeDeprecated: false,
    },
  };
}

/** A launch, as Terraform or an Auto Scaling group does it (response trimmed to what matters). */
export function runInstances(env: Env, n: number, timeMs: number): CallSpec {
  const { names, account, region } = env;
  const instanceId = names.instanceId(account, region, n);
  const subnetId = names.subnetId(account, region, n % 3);
  return {
    source: EC2,
    name: 'RunInstances',
    readOnly: false,
    params: {
      instancesSet: { items: [{ imageId: names.imageId(region), minCount: 1, maxCount: 1 }] },
      instanceType: 't3.medium',
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      disableApiTermination: false,
      disableApiStop: false,
      clientToken: env.rng.uuid(),
      subnetId,
      tagSpecificationSet: {
        items: [{ resourceType: 'instance', tags: [{ key: 'Service', value: 'orders-batch' }] }],
      },
    },
    response: {
      requestId: env.rng.uuid(),
      reservationId: `r-0${env.rng.hex(16)}`,
      ownerId: account,
      groupSet: {},
      instancesSet: {
        items: [
          {
            instanceId,
            imageId: names.imageId(region),
            currentInstanceBootMode: 'legacy-bios',
            instanceState: { code: 0, name: 'pending' },
            privateDnsName: `ip-10-20-${n % 250}-${(n * 7) % 250}.${region}.compute.internal`,
            amiLaunchIndex: 0,
            productCodes: {},
            instanceType: 't3.medium',
            launchTime: timeMs,
            placement: { availabilityZone: `${region}a`, tenancy: 'default' },
            monitoring: { state: 'disabled' },
            subnetId,
            privateIpAddress: `10.20.${n % 250}.${(n * 7) % 250}`,
            groupSet: {
              items: [{ groupId: names.securityGroupId(account, region), groupName: 'orders-batch' }],
            },
            architecture: 'x86_64',
            rootDeviceType: 'ebs',
            rootDeviceName: '/dev/xvda',
          },
        ],
      },
    },
  };
}

export function createTags(env: Env, n: number): CallSpec {
  return {
    source: EC2,
    name: 'CreateTags',
    readOnly: false,
    params: {
      resourcesSet: { items: [{ resourceId: env.names.instanceId(env.account, env.region, n) }] },
      tagSet: { items: [{ key: 'Name', value: `orders-batch-${n}` }] },
    },
    response: { requestId: env.rng.uuid(), _return: true },
  };
}

export function terminateInstances(env: Env, n: number): CallSpec {
  const instanceId = env.names.instanceId(env.account, env.region, n);
  return {
    source: EC2,
    name: 'TerminateInstances',
    readOnly: false,
    params: { instancesSet: { items: [{ instanceId }] } },
    response: {
      requestId: env.rng.uuid(),
      instancesSet: {
        items: [
          {
            instanceId,
            currentState: { code: 32, name: 'shutting-down' },
            previousState: { code: 16, name: 'running' },
          },
        ],
      },
    },
  };
}

export function listFunctions(): CallSpec {
  return { source: 'lambda.amazonaws.com', name: 'ListFunctions20150331', readOnly: true, params: null };
}

export function getFunction(env: Env): CallSpec {
  return {
    source: 'lambda.amazonaws.com',
    name: 'GetFunction20150331v2',
    readOnly: true,
    params: { functionName: env.rng.pick(env.names.functions()) },
  };
}

export function updateFunctionCode(env: Env, timeMs: number): CallSpec {
  const functionName = env.rng.pick(env.names.functions());
  return {
    source: 'lambda.amazonaws.com',
    name: 'UpdateFunctionCode20150331v2',
    readOnly: false,
    params: { functionName, publish: true, dryRun: false },
    response: {
      functionName,
      functionArn: `arn:aws:lambda:${env.region}:${env.account}:function:${functionName}`,
      runtime: 'nodejs20.x',
      role: `arn:aws:iam::${env.account}:role/service-role/invoice-worker-lambda-role`,
      handler: 'index.handler',
      codeSize: env.rng.int(80_000, 900_000),
      timeout: 30,
      memorySize: 512,
      lastModified: `${isoSeconds(timeMs).slice(0, 19)}.000+0000`,
      version: String(env.rng.int(12, 90)),
      state: 'Pending',
      lastUpdateStatus: 'InProgress',
      packageType: 'Zip',
      architectures: ['arm64'],
    },
  };
}

export function updateEcsService(env: Env): CallSpec {
  const cluster = `orders-${env.names.env(env.account)}`;
  return {
    source: 'ecs.amazonaws.com',
    name: 'UpdateService',
    readOnly: false,
    params: {
      cluster,
      service: 'orders-api',
      taskDefinition: `orders-api:${env.rng.int(40, 120)}`,
      forceNewDeployment: false,
    },
  };
}

export function describeServices(env: Env): CallSpec {
  return {
    source: 'ecs.amazonaws.com',
    name: 'DescribeServices',
    readOnly: true,
    params: { cluster: `orders-${env.names.env(env.account)}`, services: ['orders-api'], include: ['TAGS'] },
  };
}

export function ecrAuthorizationToken(): CallSpec {
  return { source: 'ecr.amazonaws.com', name: 'GetAuthorizationToken', readOnly: true, params: null };
}

export function describeStacks(env: Env): CallSpec {
  return {
    source: 'cloudformation.amazonaws.com',
    name: env.rng.pick(['DescribeStacks', 'DescribeStackEvents', 'DescribeStackResources']),
    readOnly: true,
    params: { stackName: env.names.stack(env.account, env.rng.pick(['service', 'data'] as const)) },
  };
}

export function changeSetCalls(env: Env): CallSpec[] {
  const stackName = env.names.stack(env.account);
  const stackId = `arn:aws:cloudformation:${env.region}:${env.account}:stack/${stackName}/${env.names.uuid(`stack/${env.account}/${env.region}`)}`;
  const changeSetName = `deploy-${env.rng.hex(7)}`;
  const changeSetId = `arn:aws:cloudformation:${env.region}:${env.account}:changeSet/${changeSetName}/${env.rng.uuid()}`;
  const source = 'cloudformation.amazonaws.com';
  return [
    {
      source,
      name: 'CreateChangeSet',
      readOnly: false,
      params: {
        stackName,
        templateURL: `https://examplecorp-${env.names.env(env.account)}-build-artifacts-${env.account}-${env.region}.s3.${env.region}.amazonaws.com/orders-service/${changeSetName}.template.json`,
        capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
        changeSetName,
        changeSetType: 'UPDATE',
      },
      response: { id: changeSetId, stackId },
    },
    { source, name: 'DescribeChangeSet', readOnly: true, params: { changeSetName: changeSetId } },
    { source, name: 'ExecuteChangeSet', readOnly: false, params: { changeSetName, stackName } },
    { source, name: 'DescribeStackEvents', readOnly: true, params: { stackName } },
    { source, name: 'DescribeStacks', readOnly: true, params: { stackName } },
  ];
}

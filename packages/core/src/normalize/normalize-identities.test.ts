import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor, ChangeEvent } from '../events/change-event.js';
import { normalizeInput } from './normalize-input.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function normalized(item: unknown, deployRoles?: readonly string[]): ChangeEvent {
  const result = normalizeInput(item, { deployRoles });
  if (!result.ok) throw result.error;
  return result.value;
}

const A = '111122223333';

interface IdentityCase {
  readonly file: string;
  readonly actor: Partial<Actor>;
  readonly account: string;
  readonly resources: readonly string[];
}

// One row per userIdentity type: what the actor reads as, and the event's account and targets.
const identities: IdentityCase[] = [
  {
    file: 'identity-root.json',
    actor: {
      type: 'Root',
      arn: `arn:aws:iam::${A}:root`,
      accountId: A,
      principalId: A,
      userName: undefined,
      mfaUsed: false,
      viaConsole: false,
      provenance: 'human-api',
    },
    account: A,
    resources: [],
  },
  {
    file: 'identity-iam-user.json',
    actor: {
      type: 'IAMUser',
      userName: 'alice',
      principalId: 'AIDAJ45Q7YFFAREXAMPLE',
      sessionIssuer: undefined,
      mfaUsed: false,
      viaConsole: false,
      sourceIp: '198.51.100.7',
      provenance: 'human-api',
    },
    account: A,
    resources: [`arn:aws:iam::${A}:user/bob`, 'arn:aws:iam::aws:policy/AdministratorAccess'],
  },
  {
    file: 'identity-assumed-role.json',
    actor: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${A}:assumed-role/SecurityAdmin/alice`,
      userName: 'SecurityAdmin',
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAIDPPEZS35WEXAMPLE',
        arn: `arn:aws:iam::${A}:role/SecurityAdmin`,
        accountId: A,
        userName: 'SecurityAdmin',
      },
      mfaUsed: true,
      viaConsole: true,
      provenance: 'human-console',
    },
    account: A,
    resources: ['arn:aws:s3:::example-reports'],
  },
  {
    file: 'identity-federated-user.json',
    actor: {
      type: 'FederatedUser',
      userName: 'bob',
      mfaUsed: false,
      viaConsole: false,
      provenance: 'human-api',
    },
    account: A,
    resources: [`arn:aws:ec2:us-west-2:${A}:security-group/sg-0a1b2c3d4e5f67890`],
  },
  {
    file: 'identity-aws-service.json',
    actor: {
      type: 'AWSService',
      invokedBy: 'lambda.amazonaws.com',
      arn: undefined,
      accountId: undefined,
      provenance: 'aws-service',
    },
    account: A,
    resources: [`arn:aws:iam::${A}:role/service-role/orders-handler-role`],
  },
  {
    file: 'identity-aws-account.json',
    actor: {
      type: 'AWSAccount',
      accountId: '444455556666',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      provenance: 'unknown',
    },
    account: A,
    resources: ['arn:aws:s3:::shared-exports'],
  },
  {
    file: 'identity-identity-center-user.json',
    actor: {
      type: 'IdentityCenterUser',
      userName: '544894e8-80c1-707f-60e3-3ba6510dfac1',
      accountId: A,
      provenance: 'human-api',
    },
    account: A,
    resources: [],
  },
  {
    file: 'identity-web-identity-user.json',
    actor: {
      type: 'WebIdentityUser',
      userName: 'repo:example-org/infra:ref:refs/heads/main',
      provenance: 'deploy-pipeline',
    },
    account: A,
    resources: [`arn:aws:iam::${A}:role/infra-apply`],
  },
  {
    file: 'identity-saml-user.json',
    actor: { type: 'SAMLUser', userName: 'alice@example.com', viaConsole: false, provenance: 'human-api' },
    account: A,
    resources: [`arn:aws:iam::${A}:role/Engineers`, `arn:aws:iam::${A}:saml-provider/ExampleIdP`],
  },
  {
    file: 'identity-unknown.json',
    actor: {
      type: 'Unknown',
      userName: 'alice',
      arn: '',
      viaConsole: true,
      mfaUsed: false,
      provenance: 'human-console',
    },
    account: A,
    resources: [],
  },
  {
    file: 'identity-sso-role.json',
    actor: {
      type: 'AssumedRole',
      userName: 'AWSReservedSSO_DeployAccess_0123456789abcdef',
      mfaUsed: false,
      viaConsole: false,
      provenance: 'human-api',
    },
    account: A,
    resources: [`arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  },
];

describe('normalizeInput: userIdentity types', () => {
  it.each(identities.map((c) => [c.file, c] as const))('%s', (file, expected) => {
    // Prepare
    const record = fixture(file);
    // Act
    const event = normalized(record);
    // Assess
    expect(event.actor).toMatchObject(expected.actor);
    expect(event.account).toBe(expected.account);
    expect(event.resources).toEqual(expected.resources);
    expect(event.origin).toBe('cloudtrail-record');
    expect(event.raw).toBe(record);
  });

  it('keeps an identity type it has never seen, as written', () => {
    // Prepare
    const record = fixture('identity-iam-user.json') as Record<string, Record<string, unknown>>;
    const future = { ...record, userIdentity: { ...record.userIdentity, type: 'AgentIdentity' } };
    // Act
    const event = normalized(future);
    // Assess
    expect(event.actor.type).toBe('AgentIdentity');
    expect(event.actor.userName).toBe('alice');
    expect(event.actor.provenance).toBe('unknown');
  });

  it('reads a record without userIdentity as an Unknown actor in the recipient account', () => {
    const { userIdentity: _dropped, ...record } = fixture('identity-iam-user.json') as Record<
      string,
      unknown
    >;
    const event = normalized(record);
    expect(event.actor).toMatchObject({
      type: 'Unknown',
      mfaUsed: false,
      viaConsole: false,
      provenance: 'unknown',
    });
    expect(event.account).toBe(A);
  });

  it('falls back to the actor account when recipientAccountId is absent, and reads numeric ids', () => {
    const { recipientAccountId: _dropped, ...record } = fixture('identity-iam-user.json') as Record<
      string,
      unknown
    >;
    const numeric = {
      ...record,
      userIdentity: { type: 'IAMUser', userName: 'alice', accountId: 11122223333 },
    };
    const event = normalized(numeric);
    expect(event.account).toBe('011122223333');
    expect(event.actor.accountId).toBe('011122223333');
  });

  it('classifies a deploy role from the settings patterns', () => {
    const record = fixture('identity-assumed-role.json') as Record<string, unknown>;
    const fromSdk = { ...record, sessionCredentialFromConsole: undefined, userAgent: 'aws-sdk-java/2.25.6' };
    expect(normalized(fromSdk).actor.provenance).toBe('unknown');
    expect(normalized(fromSdk, ['arn:aws:iam::*:role/Security*']).actor.provenance).toBe('deploy-pipeline');
  });
});

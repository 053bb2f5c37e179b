import type { FindingActor } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { actorDetails, findingActorLabel } from './actor-label.js';

const actor = (overrides: Partial<FindingActor>): FindingActor => ({
  type: 'IAMUser',
  mfa: false,
  provenance: 'human-api',
  ...overrides,
});

describe('findingActorLabel', () => {
  it.each([
    { case: 'root', actor: actor({ type: 'Root', arn: 'arn:aws:iam::111122223333:root' }), expected: 'root' },
    {
      case: 'an IAM user',
      actor: actor({ arn: 'arn:aws:iam::111122223333:user/alice' }),
      expected: 'user alice',
    },
    {
      case: 'an IAM user with a path',
      actor: actor({ arn: 'arn:aws:iam::111122223333:user/division/team/bob' }),
      expected: 'user bob',
    },
    {
      case: 'an assumed role',
      actor: actor({ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/ci-4821' }),
      expected: 'role Deploy (session ci-4821)',
    },
    {
      case: 'a federated user',
      actor: actor({ type: 'FederatedUser', arn: 'arn:aws:sts::111122223333:federated-user/carol' }),
      expected: 'federated user carol',
    },
    {
      case: 'an AWS service without an ARN',
      actor: actor({ type: 'AWSService', principalId: 'config.amazonaws.com' }),
      expected: 'config.amazonaws.com',
    },
    { case: 'nothing known', actor: actor({ type: 'Unknown' }), expected: 'Unknown' },
  ])('names $case', ({ actor, expected }) => {
    expect(findingActorLabel(actor)).toBe(expected);
  });
});

describe('actorDetails', () => {
  it('says provenance, MFA and source', () => {
    expect(actorDetails(actor({ mfa: true, provenance: 'human-console', sourceIp: '192.0.2.10' }))).toBe(
      'human-console, MFA, from 192.0.2.10',
    );
    expect(actorDetails(actor({ provenance: 'deploy-pipeline' }))).toBe('deploy-pipeline, no MFA');
  });
});

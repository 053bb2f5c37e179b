import { describe, expect, it } from 'vitest';
import {
  ESCALATION_ACTIONS,
  ESCALATION_METHODS,
  findEscalations,
  statementAllowsAction,
} from './escalation.js';
import { parsePolicy } from './parse.js';

const statements = (...raw: Record<string, unknown>[]) => parsePolicy({ Statement: raw }).statements;
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('escalation catalogue', () => {
  it('has unique ids and service-qualified actions', () => {
    expect(new Set(ESCALATION_METHODS.map((m) => m.id)).size).toBe(ESCALATION_METHODS.length);
    for (const action of ESCALATION_ACTIONS) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
  });

  it.each(ESCALATION_METHODS.map((m) => [m.id, m] as const))(
    '%s is found when all its actions are allowed',
    (_id, method) => {
      // Prepare
      const doc = statements(allow([...method.actions]));

      // Act
      const found = findEscalations(doc).map((f) => f.method.id);

      // Assess
      expect(found).toContain(method.id);
    },
  );
});

describe('findEscalations', () => {
  it.each<[string, ReturnType<typeof statements>, readonly string[]]>([
    ['nothing for read-only access', statements(allow(['s3:GetObject', 'iam:Get*', 'iam:List*'])), []],
    [
      'iam:Attach* covers the three attach methods',
      statements(allow('iam:Attach*')),
      ['attach-user-policy', 'attach-group-policy', 'attach-role-policy'],
    ],
    ['half a combination is not enough', statements(allow('lambda:CreateFunction')), []],
    [
      'a combination across statements',
      statements(
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/etl'),
        allow('glue:CreateDevEndpoint'),
      ),
      ['pass-role-glue'],
    ],
    ['Deny statements grant nothing', statements({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }), []],
    [
      'NotAction leaving IAM',
      statements({
        Effect: 'Allow',
        NotAction: [
          'iam:Create*',
          'iam:Attach*',
          'iam:Put*',
          'iam:Update*',
          'iam:Delete*',
          'iam:Set*',
          'iam:Add*',
          'iam:PassRole',
          'sts:*',
          'lambda:*',
          'ec2:*',
          'glue:*',
          'cloudformation:*',
          'datapipeline:*',
          'ssm:*',
          'sagemaker:*',
          'codebuild:*',
        ],
        Resource: '*',
      }),
      [],
    ],
    [
      'actions on the wrong resource type',
      statements(allow('iam:AttachRolePolicy', 'arn:aws:s3:::example-bucket')),
      [],
    ],
    [
      'assume one role is not assume-any-role',
      statements(allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/reader')),
      [],
    ],
    [
      'assume roles in every account',
      statements(allow('sts:AssumeRole', 'arn:aws:iam::*:role/*')),
      ['assume-any-role'],
    ],
    [
      'keys for yourself only',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template.
      statements(allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/${aws:username}')),
      [],
    ],
  ])('%s', (_name, doc, expected) => {
    expect(findEscalations(doc).map((f) => f.method.id)).toEqual(expected);
  });

  it('says which statements grant each action', () => {
    // Prepare
    const doc = statements(
      allow('iam:PassRole'),
      allow('ec2:Run*'),
      allow('ec2:RunInstances', 'arn:aws:ec2:*:111122223333:instance/*'),
    );

    // Act
    const found = findEscalations(doc).find((f) => f.method.id === 'pass-role-ec2');

    // Assess
    expect(Object.fromEntries(found?.grantedBy ?? [])).toEqual({
      'iam:PassRole': [0],
      'ec2:RunInstances': [1, 2],
    });
  });
});

describe('statementAllowsAction', () => {
  it.each<[Record<string, unknown>, string, boolean]>([
    [allow('iam:Put*'), 'iam:PutRolePolicy', true],
    [allow('iam:Put*'), 'iam:AttachRolePolicy', false],
    [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, 'iam:PassRole', false],
    [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, 'lambda:CreateFunction', true],
    [{ Effect: 'Deny', Action: '*', Resource: '*' }, 'iam:PassRole', false],
  ])('%j allows %s → %s', (raw, action, expected) => {
    expect(statementAllowsAction(statements(raw)[0]!, action)).toBe(expected);
  });
});

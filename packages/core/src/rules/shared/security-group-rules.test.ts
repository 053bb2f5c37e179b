import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../events/change-event.js';
import {
  createdRuleIds,
  requestedRuleIds,
  securityGroupOf,
  securityGroupRuleChanges,
  worldExposure,
} from './security-group-rules.js';

/** A successful EC2 call with the given parameters (only what the readers look at matters). */
function ec2Event(
  eventName: string,
  requestParameters: Record<string, unknown>,
  responseElements: Record<string, unknown> = {},
): ChangeEvent {
  return {
    eventId: `test-${eventName}`,
    eventSource: 'ec2.amazonaws.com',
    eventName,
    time: '2024-05-14T10:21:37Z',
    timeMs: Date.parse('2024-05-14T10:21:37Z'),
    account: '111122223333',
    region: 'us-east-1',
    actor: { type: 'IAMUser', userName: 'bob', mfaUsed: false, viaConsole: false, provenance: 'human-api' },
    success: true,
    requestParameters,
    responseElements,
    additionalEventData: {},
    resources: [],
    origin: 'cloudtrail-record',
    raw: {},
  };
}

const SG = 'sg-0a1b2c3d4e5f60718';

describe('securityGroupRuleChanges', () => {
  it('reads the legacy flat request (cidrIp, ipProtocol, fromPort, toPort)', () => {
    // Prepare
    const event = ec2Event('AuthorizeSecurityGroupIngress', {
      groupId: SG,
      cidrIp: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: 3306,
      toPort: 3306,
    });
    // Act
    const rules = securityGroupRuleChanges(event);
    // Assess
    expect(rules).toEqual([
      { protocol: 'tcp', fromPort: 3306, toPort: 3306, cidr: '0.0.0.0/0', directionUnknown: false },
    ]);
  });

  it('falls back to the response rule set when the request carries no permissions', () => {
    // Prepare
    const event = ec2Event(
      'AuthorizeSecurityGroupIngress',
      { groupId: SG, ipPermissions: {} },
      {
        securityGroupRuleSet: {
          items: [
            {
              securityGroupRuleId: 'sgr-1',
              isEgress: false,
              ipProtocol: 'tcp',
              fromPort: '22',
              toPort: '22',
              cidrIpv4: '0.0.0.0/0',
            },
            {
              securityGroupRuleId: 'sgr-2',
              isEgress: 'true',
              ipProtocol: '-1',
              fromPort: -1,
              toPort: -1,
              cidrIpv4: '0.0.0.0/0',
            },
          ],
        },
      },
    );
    // Act
    const rules = securityGroupRuleChanges(event);
    // Assess
    expect(rules).toEqual([
      {
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidr: '0.0.0.0/0',
        ruleId: 'sgr-1',
        directionUnknown: false,
      },
    ]);
    expect(worldExposure(event)?.severity).toBe('high');
  });

  it('keeps egress rules for egress events', () => {
    // Prepare
    const event = ec2Event(
      'AuthorizeSecurityGroupEgress',
      { groupId: SG },
      {
        securityGroupRuleSet: {
          items: [{ securityGroupRuleId: 'sgr-3', isEgress: true, ipProtocol: '-1', cidrIpv6: '::/0' }],
        },
      },
    );
    // Act / Assess
    expect(securityGroupRuleChanges(event).map((rule) => rule.cidr)).toEqual(['::/0']);
    expect(worldExposure(event)).toBeUndefined();
  });

  it('reads several ModifySecurityGroupRules updates and marks their direction unknown', () => {
    // Prepare
    const event = ec2Event('ModifySecurityGroupRules', {
      ModifySecurityGroupRulesRequest: {
        GroupId: SG,
        SecurityGroupRule: [
          {
            SecurityGroupRuleId: 'sgr-a',
            SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' },
            tag: 1,
          },
          {
            SecurityGroupRuleId: 'sgr-b',
            SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, ReferencedGroupId: 'sg-1' },
            tag: 2,
          },
          'not an object',
        ],
      },
    });
    // Act
    const rules = securityGroupRuleChanges(event);
    const exposure = worldExposure(event);
    // Assess
    expect(rules.map((rule) => [rule.ruleId, rule.cidr, rule.directionUnknown])).toEqual([
      ['sgr-a', '::/0', true],
      ['sgr-b', undefined, true],
    ]);
    expect(securityGroupOf(event)).toBe(SG);
    expect(exposure?.severity).toBe('info');
    expect(exposure?.rules.map((rule) => rule.ruleId)).toEqual(['sgr-a']);
  });

  it('never throws on missing or malformed parameters', () => {
    // Prepare
    const events = [
      ec2Event('AuthorizeSecurityGroupIngress', {}),
      ec2Event('AuthorizeSecurityGroupIngress', { ipPermissions: { items: [null, 3, { ipRanges: 'x' }] } }),
      ec2Event('ModifySecurityGroupRules', { ModifySecurityGroupRulesRequest: null }),
    ];
    // Act / Assess
    for (const event of events) {
      expect(() => worldExposure(event)).not.toThrow();
      expect(worldExposure(event)).toBeUndefined();
    }
  });
});

describe('rule ids', () => {
  it('reads requested and created rule ids', () => {
    // Prepare
    const revoke = ec2Event('RevokeSecurityGroupIngress', {
      groupId: SG,
      securityGroupRuleIds: { items: [{ securityGroupRuleId: 'sgr-x' }, { other: 1 }] },
    });
    const authorize = ec2Event(
      'AuthorizeSecurityGroupIngress',
      { groupId: SG },
      { securityGroupRuleSet: { items: [{ securityGroupRuleId: 'sgr-y' }] } },
    );
    // Act / Assess
    expect(requestedRuleIds(revoke)).toEqual(['sgr-x']);
    expect(createdRuleIds(authorize)).toEqual(['sgr-y']);
    expect(worldExposure(revoke)).toBeUndefined();
  });
});

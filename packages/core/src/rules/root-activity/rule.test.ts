import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../events/change-event.js';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import { patternMatches } from '../event-patterns.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const context = { settings: DEFAULT_DETECTION_SETTINGS, state: new MemoryState(), count: 0 };
const root: Actor = {
  type: 'Root',
  arn: 'arn:aws:iam::111122223333:root',
  accountId: '111122223333',
  principalId: '111122223333',
  mfaUsed: true,
  viaConsole: true,
  provenance: 'human-console',
};

describe('root-activity judgement', () => {
  it('skips AWS service events attributed to root', () => {
    // Prepare
    const event = buildChangeEvent({
      eventSource: 'health.amazonaws.com',
      eventName: 'AWSHealthEvent',
      eventType: 'AwsServiceEvent',
      actor: root,
    });
    // Act / Assess
    expect(rule.match(event, context)).toBeUndefined();
  });

  it('treats a call whose record does not say readOnly as a change (high)', () => {
    // Prepare
    const { readOnly: _omitted, ...rest } = buildChangeEvent({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifyInstanceAttribute',
      actor: root,
    });
    // Act
    const match = rule.match(rest, context);
    // Assess
    expect(match?.severity).toBe('high');
  });

  it('groups read-only calls per service and changes per call name', () => {
    // Prepare
    const read = (eventName: string) =>
      buildChangeEvent({ eventSource: 'ec2.amazonaws.com', eventName, readOnly: true, actor: root });
    const write = (eventName: string) =>
      buildChangeEvent({ eventSource: 'ec2.amazonaws.com', eventName, readOnly: false, actor: root });
    // Act
    const keys = [
      read('DescribeInstances'),
      read('DescribeVpcs'),
      write('RunInstances'),
      write('TerminateInstances'),
    ].map((event) => rule.match(event, context)?.dedupe?.join('|'));
    // Assess
    expect(keys).toEqual([
      'ec2.amazonaws.com|read-only',
      'ec2.amazonaws.com|read-only',
      'ec2.amazonaws.com|RunInstances',
      'ec2.amazonaws.com|TerminateInstances',
    ]);
  });

  it.each([
    ['a root console call', { userIdentity: { type: 'Root' } }, true],
    [
      'a root call made by a service on its behalf',
      { userIdentity: { type: 'Root', invokedBy: 'cloudformation.amazonaws.com' } },
      false,
    ],
    ['an IAM user call', { userIdentity: { type: 'IAMUser' } }, false],
  ])('its EventBridge filter delivers %s: %s', (_name, detail, delivered) => {
    // Act / Assess
    expect(patternMatches(rule.eventPatternDetail, detail)).toBe(delivered);
  });
});

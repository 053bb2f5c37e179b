import { describe, expect, it } from 'vitest';
import { runbookSteps } from './runbook.js';
import { loadFinding } from './test-findings.js';

describe('runbookSteps', () => {
  it('reads the list items of a rule runbook, joining continuation lines', () => {
    // Prepare
    const { runbook } = loadFinding('root-console-login-critical');

    // Act
    const steps = runbookSteps(runbook);

    // Assess
    expect(steps).toEqual([
      'Ask the account owner whether a root-only task was planned (support plan change, account closure). No plan means treat it as a compromise.',
      "Compare `sourceIp` and `userAgent` in the evidence with the owner's usual network.",
      'List what the root session did next: `aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root`',
      'Reset the root password and re-register the root MFA device.',
      "Confirm no root access key exists: `aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'`",
    ]);
  });

  it.each([
    { case: 'no list', runbook: '## Title\n\nJust prose.', expected: [] },
    { case: 'items inside a code fence', runbook: '```\n- not a step\n```\n- a step', expected: ['a step'] },
    { case: 'more items than asked for', runbook: '1. a\n2. b\n3. c', max: 2, expected: ['a', 'b'] },
  ])('handles $case', ({ runbook, max, expected }) => {
    expect(runbookSteps(runbook, max === undefined ? {} : { max })).toEqual(expected);
  });

  it('cuts a long step', () => {
    const [step] = runbookSteps(`- ${'word '.repeat(200)}`, { maxLength: 50 });
    expect(step).toHaveLength(50);
    expect(step?.endsWith('…')).toBe(true);
  });
});

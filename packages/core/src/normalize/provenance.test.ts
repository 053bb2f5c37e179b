import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Provenance } from '../events/change-event.js';
import { classifyProvenance, isDeployRoleName, type ProvenanceInput } from './provenance.js';

interface ProvenanceCase {
  readonly name: string;
  readonly input: ProvenanceInput;
  readonly deployRoles?: readonly string[];
  readonly expected: Provenance;
}

const cases: ProvenanceCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/provenance-cases.json', import.meta.url), 'utf8'),
);

describe('classifyProvenance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { input, deployRoles, expected }) => {
    // Prepare: the case's input and configured deploy-role patterns
    // Act
    const provenance = classifyProvenance(input, deployRoles);
    // Assess
    expect(provenance).toBe(expected);
  });

  it('covers every provenance in the table', () => {
    const seen = new Set(cases.map((c) => c.expected));
    expect([...seen].sort()).toEqual([
      'aws-service',
      'deploy-pipeline',
      'human-api',
      'human-console',
      'unknown',
    ]);
  });

  it('compiles deploy-role patterns once per settings array and keeps answering consistently', () => {
    // Prepare
    const patterns = ['arn:aws:iam::*:role/ci-*'];
    const ci = { type: 'AssumedRole', issuerArn: 'arn:aws:iam::111122223333:role/ci-a', viaConsole: false };
    const app = { type: 'AssumedRole', issuerArn: 'arn:aws:iam::111122223333:role/app', viaConsole: false };
    // Act
    const answers = [
      classifyProvenance(ci, patterns),
      classifyProvenance(app, patterns),
      classifyProvenance(ci, patterns),
    ];
    // Assess
    expect(answers).toEqual(['deploy-pipeline', 'unknown', 'deploy-pipeline']);
  });
});

describe('isDeployRoleName', () => {
  it.each([
    ['cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1', true],
    ['cdk-hnb659fds-file-publishing-role-111122223333-us-east-1', true],
    ['cdk-hnb659fds-lookup-role-111122223333-us-east-1', false],
    ['GitHubActions', true],
    ['github-actions-oidc', true],
    ['prod-Deployer', true],
    ['DataPipelineDefaultRole', true],
    ['codebuild-web-service-role', true],
    ['Admin', false],
  ])('%s → %s', (name, expected) => {
    expect(isDeployRoleName(name)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse.js';
import { loadPolicySet } from './policy-set.js';

const ALLOW = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };

describe('loadPolicySet', () => {
  it('names unnamed policies by position and keeps given names', () => {
    // Act
    const loaded = loadPolicySet({
      identity: [ALLOW, { name: 'team.json', document: ALLOW }],
      resource: ALLOW,
      boundary: [JSON.stringify(ALLOW)],
      session: [encodeURIComponent(JSON.stringify(ALLOW))],
      scps: [[ALLOW], [ALLOW, { name: 'ou.json', document: ALLOW }]],
      rcps: [[ALLOW]],
    });

    // Assess
    expect({
      identity: loaded.identity.map((p) => `${p.kind}:${p.name}`),
      resource: loaded.resource.map((p) => `${p.kind}:${p.name}`),
      boundary: loaded.boundary.map((p) => `${p.kind}:${p.name}`),
      session: loaded.session.map((p) => `${p.kind}:${p.name}`),
      scps: loaded.scps.map((level) => level.map((p) => `${p.kind}:${p.name}`)),
      rcps: loaded.rcps.map((level) => level.map((p) => `${p.kind}:${p.name}`)),
    }).toEqual({
      identity: ['identity:identity[0]', 'identity:team.json'],
      resource: ['resource:resource'],
      boundary: ['permissions-boundary:boundary[0]'],
      session: ['session:session[0]'],
      scps: [['scp:scp[0][0]'], ['scp:scp[1][0]', 'scp:ou.json']],
      rcps: [['rcp:rcp[0][0]']],
    });
    expect(loaded.session[0]?.doc.statements[0]?.effect).toBe('Allow');
  });

  it('numbers several resource policies', () => {
    expect(loadPolicySet({ resource: [ALLOW, ALLOW] }).resource.map((p) => p.name)).toEqual([
      'resource[0]',
      'resource[1]',
    ]);
  });

  it('takes parsed documents as they are', () => {
    // Prepare
    const doc = parsePolicy(ALLOW);

    // Act
    const loaded = loadPolicySet({ identity: [doc] });

    // Assess
    expect(loaded.identity[0]?.doc).toBe(doc);
  });

  it('names the policy in a parse error', () => {
    expect(() =>
      loadPolicySet({
        boundary: [{ name: 'boundary.json', document: { Statement: { Effect: 'Allow', Actions: '*' } } }],
      }),
    ).toThrow(/permissions-boundary policy "boundary\.json": Statement\.Actions: unknown element "Actions"/);
  });
});

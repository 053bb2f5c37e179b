import { describe, expect, it } from 'vitest';
import { assessExposure, isWorldCidr, protocolKind } from './port-exposure.js';

describe('protocolKind', () => {
  it.each([
    ['-1', 'all'],
    [-1, 'all'],
    ['all', 'all'],
    ['tcp', 'tcp'],
    ['6', 'tcp'],
    ['UDP', 'udp'],
    ['17', 'udp'],
    ['icmp', 'icmp'],
    ['icmpv6', 'icmp'],
    ['58', 'icmp'],
    ['50', 'other'],
    [undefined, 'other'],
  ] as const)('%s → %s', (protocol, expected) => {
    // Act / Assess
    expect(protocolKind(protocol)).toBe(expected);
  });
});

describe('assessExposure', () => {
  it.each([
    {
      spec: { protocol: 'tcp', fromPort: 22, toPort: 22 },
      severity: 'high',
      traffic: 'tcp 22',
      sensitive: ['22 (SSH)'],
    },
    { spec: { protocol: '-1' }, severity: 'high', traffic: 'all traffic', sensitive: [] },
    {
      spec: { protocol: 'tcp', fromPort: 0, toPort: 65535 },
      severity: 'high',
      traffic: 'tcp 0-65535',
      sensitive: [],
    },
    { spec: { protocol: 'tcp' }, severity: 'high', traffic: 'tcp 0-65535', sensitive: [] },
    {
      spec: { protocol: 'udp', fromPort: 11211, toPort: 11211 },
      severity: 'high',
      traffic: 'udp 11211',
      sensitive: ['11211 (Memcached)'],
    },
    {
      spec: { protocol: 'tcp', fromPort: 3380, toPort: 3400 },
      severity: 'high',
      traffic: 'tcp 3380-3400',
      sensitive: ['3389 (RDP)'],
    },
    { spec: { protocol: '6', fromPort: 1024, toPort: 65535 }, severity: 'high', traffic: 'tcp 1024-65535' },
    // 80-443 spans 110, 135-139 and 143: not "web only".
    { spec: { protocol: 'tcp', fromPort: 80, toPort: 443 }, severity: 'high', traffic: 'tcp 80-443' },
    {
      spec: { protocol: 'tcp', fromPort: 443, toPort: 443 },
      severity: 'info',
      traffic: 'tcp 443',
      sensitive: [],
    },
    {
      spec: { protocol: 'tcp', fromPort: 80, toPort: 80 },
      severity: 'info',
      traffic: 'tcp 80',
      sensitive: [],
    },
    {
      spec: { protocol: 'tcp', fromPort: 80, toPort: 81 },
      severity: 'medium',
      traffic: 'tcp 80-81',
      sensitive: [],
    },
    {
      spec: { protocol: 'tcp', fromPort: 8443, toPort: 8443 },
      severity: 'medium',
      traffic: 'tcp 8443',
      sensitive: [],
    },
    { spec: { protocol: 'icmp', fromPort: 8, toPort: -1 }, severity: 'low', traffic: 'icmp', sensitive: [] },
    { spec: { protocol: '50' }, severity: 'medium', traffic: 'protocol 50', sensitive: [] },
  ])('$spec.protocol $spec.fromPort-$spec.toPort → $severity', ({ spec, severity, traffic, sensitive }) => {
    // Act
    const assessment = assessExposure(spec);
    // Assess
    expect(assessment.severity).toBe(severity);
    expect(assessment.traffic).toBe(traffic);
    if (sensitive) expect(assessment.sensitivePorts).toEqual(sensitive);
  });
});

describe('isWorldCidr', () => {
  it.each([
    ['0.0.0.0/0', true],
    ['::/0', true],
    [' 0.0.0.0/0 ', true],
    ['0.0.0.0/1', false],
    ['10.0.0.0/8', false],
    ['2001:db8::/32', false],
    [undefined, false],
  ] as const)('%s → %s', (cidr, expected) => {
    expect(isWorldCidr(cidr)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDate, parseIp, readArn, readCidr } from './condition-values.js';

describe('parseDate', () => {
  it.each<[string, string | undefined]>([
    ['2024', '2024-01-01T00:00:00.000Z'],
    ['2024-05', '2024-05-01T00:00:00.000Z'],
    ['2024-05-17', '2024-05-17T00:00:00.000Z'],
    ['2024-05-17T10:30Z', '2024-05-17T10:30:00.000Z'],
    ['2024-05-17T10:30:15Z', '2024-05-17T10:30:15.000Z'],
    ['2024-05-17T10:30:15.250Z', '2024-05-17T10:30:15.250Z'],
    ['2024-05-17T10:30:15+02:00', '2024-05-17T08:30:15.000Z'],
    ['2024-05-17T10:30:15-0130', '2024-05-17T12:00:15.000Z'],
    ['2024-05-17T10:30:15', '2024-05-17T10:30:15.000Z'],
    ['1718452800', '2024-06-15T12:00:00.000Z'],
    [' 1718452800 ', '2024-06-15T12:00:00.000Z'],
    ['2024-13-01', undefined],
    ['17/05/2024', undefined],
    ['tomorrow', undefined],
    ['', undefined],
  ])('%j', (text, expected) => {
    // Act
    const ms = parseDate(text);

    // Assess
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(expected);
  });
});

describe('parseIp', () => {
  it.each<[string, { v6: boolean; value: bigint } | undefined]>([
    ['192.0.2.1', { v6: false, value: 0xc0000201n }],
    ['0.0.0.0', { v6: false, value: 0n }],
    ['255.255.255.255', { v6: false, value: 0xffffffffn }],
    ['::', { v6: true, value: 0n }],
    ['::1', { v6: true, value: 1n }],
    ['2001:db8::', { v6: true, value: 0x20010db8n << 96n }],
    ['2001:DB8:0:0:0:0:0:1', { v6: true, value: (0x20010db8n << 96n) | 1n }],
    ['::ffff:192.0.2.1', { v6: true, value: (0xffffn << 32n) | 0xc0000201n }],
    ['256.0.0.1', undefined],
    ['192.0.2', undefined],
    ['192.0.2.1.5', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1:2:3:4:5:6:7', undefined],
    ['2001:db8::g', undefined],
    ['example.com', undefined],
  ])('%j', (text, expected) => {
    expect(parseIp(text)).toEqual(expected);
  });
});

describe('readCidr', () => {
  it.each<[string, string, boolean | undefined]>([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.1.2.3/8', '10.200.0.1', true],
    ['192.0.2.128/25', '192.0.2.127', false],
    ['2001:db8::/126', '2001:db8::3', true],
    ['2001:db8::/126', '2001:db8::4', false],
    ['::/0', '2001:db8::4', true],
    ['0.0.0.0/0', '::1', false],
    ['10.0.0.0/-1', '10.0.0.1', undefined],
    ['10.0.0.0/8/8', '10.0.0.1', undefined],
    ['2001:db8::/129', '2001:db8::1', undefined],
  ])('%s contains %s → %s', (block, address, expected) => {
    // Act
    const test = readCidr(block);

    // Assess
    expect(test === undefined ? undefined : test(address)).toBe(expected);
  });
});

describe('readArn', () => {
  it.each<[string, string, boolean | undefined]>([
    ['arn:aws:sqs:*:111122223333:orders-*', 'arn:aws:sqs:eu-west-1:111122223333:orders-eu', true],
    ['arn:aws:sqs:*:111122223333:orders-*', 'arn:aws:sqs:eu-west-1:444455556666:orders-eu', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a:b/c', true],
    [
      'arn:aws:logs:*:*:log-group:/aws/lambda/*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/fn:*',
      true,
    ],
    ['*', 'anything', true],
    ['arn:aws:sqs:*', 'arn:aws:sqs:eu-west-1:111122223333:orders', undefined],
  ])('%s vs %s → %s', (pattern, value, expected) => {
    // Act
    const test = readArn(pattern);

    // Assess
    expect(test === undefined ? undefined : test(value)).toBe(expected);
  });
});

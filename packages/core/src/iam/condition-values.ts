/**
 * Readers for condition values, one per operator family: each reads the policy's value
 * once (undefined when it is malformed for the family) and returns the test applied to the
 * request's values. Request values that do not parse simply do not match.
 *
 * - numbers: decimal or exponent notation;
 * - dates: ISO 8601 in the W3C profile (`2024`, `2024-05`, `2024-05-01`, `2024-05-01T10:00Z`,
 *   seconds, fractions, `±hh:mm` offsets; a time without zone is UTC) or epoch seconds;
 * - IP addresses: IPv4 and IPv6 (`::` compression, embedded IPv4 tails), CIDR or single
 *   address; an IPv4 request address never matches an IPv6 block and vice versa;
 * - ARNs: the six colon-separated fields compare one by one, so a wildcard never crosses a
 *   field boundary (the last field keeps its own colons);
 * - binary: base64 on both sides, compared byte for byte.
 */

import { wildcardMatch } from './wildcard.js';

/** Reads a policy value once; undefined means the value is malformed for this operator. */
export type Reader = (policyValue: string) => ((contextValue: string) => boolean) | undefined;

/** Turns the `${*}` `${?}` `${$}` escapes back into the characters they stand for. */
export const unescapePolicyText = (text: string): string => text.replace(/\$\{([*?$])\}/g, '$1');

/** A reader comparing numbers parsed by `parse` with `test(requestValue, policyValue)`. */
export const compareWith =
  (parse: (text: string) => number | undefined, test: (a: number, b: number) => boolean): Reader =>
  (policyValue) => {
    const expected = parse(policyValue);
    if (expected === undefined) return undefined;
    return (contextValue) => {
      const actual = parse(contextValue);
      return actual !== undefined && test(actual, expected);
    };
  };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A decimal or exponent-notation number, or undefined. */
export const parseNumber = (text: string): number | undefined =>
  NUMBER.test(text.trim()) ? Number(text) : undefined;

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * ISO 8601 (W3C profile, any precision; no zone means UTC) or epoch seconds → milliseconds.
 *
 * @example
 * ```ts
 * parseDate('2024-07-01T02:00:00+02:00') === parseDate('1719792000'); // true
 * parseDate('next tuesday'); // undefined
 * ```
 */
export function parseDate(text: string): number | undefined {
  const value = text.trim();
  // Four digits read as a year (W3C "YYYY"); longer digit runs are epoch seconds.
  if (/^\d{5,}(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const zone = m[8] === undefined ? 'Z' : m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`;
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** An IP address: its family and its value as an unsigned number. */
export interface Ip {
  readonly v6: boolean;
  readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] | undefined => {
    if (!half) return [];
    const list = half.split(':');
    const last = list[list.length - 1]!;
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
    if (last.includes('.')) {
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      list.splice(-1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    return list.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? list : undefined;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/**
 * An IPv4 or IPv6 address as a number, or undefined.
 *
 * @example
 * ```ts
 * parseIp('192.0.2.1'); // { v6: false, value: 3221225985n }
 * parseIp('2001:db8::1')?.v6; // true
 * ```
 */
export function parseIp(text: string): Ip | undefined {
  const value = text.trim();
  if (value.includes(':')) {
    const v6 = parseIpv6(value);
    return v6 === undefined ? undefined : { v6: true, value: v6 };
  }
  const v4 = parseIpv4(value);
  return v4 === undefined ? undefined : { v6: false, value: v4 };
}

/**
 * `IpAddress` policy value: a CIDR block, or one address (a /32 or /128).
 *
 * @example
 * ```ts
 * readCidr('203.0.113.0/24')?.('203.0.113.9'); // true
 * readCidr('203.0.113.0/33'); // undefined (malformed)
 * ```
 */
export const readCidr: Reader = (policyValue) => {
  const [address = '', prefix, extra] = policyValue.trim().split('/');
  const ip = parseIp(address);
  if (!ip || extra !== undefined) return undefined;
  const width = ip.v6 ? 128 : 32;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > width)) return undefined;
  const shift = BigInt(width - (prefix === undefined ? width : Number(prefix)));
  const network = ip.value >> shift;
  return (contextValue) => {
    const actual = parseIp(contextValue);
    return actual !== undefined && actual.v6 === ip.v6 && actual.value >> shift === network;
  };
};

/** Splits an ARN into its six fields (the last keeps its own colons). */
function arnFields(arn: string): readonly string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * ARN operators compare field by field, so `*` never spans a colon between fields.
 *
 * @example
 * ```ts
 * readArn('arn:aws:sns:*:111122223333:*')?.('arn:aws:sns:eu-west-1:111122223333:alerts'); // true
 * ```
 */
export const readArn: Reader = (policyValue) => {
  if (policyValue === '*') return () => true;
  const pattern = arnFields(policyValue);
  if (!pattern) return undefined;
  return (contextValue) => {
    const fields = arnFields(contextValue);
    return fields !== undefined && pattern.every((field, i) => wildcardMatch(field, fields[i]!, false));
  };
};

/** `Bool` (and `Null`) policy value: `true` or `false`, any case. */
export const readBool: Reader = (policyValue) => {
  const expected = policyValue.trim().toLowerCase();
  if (expected !== 'true' && expected !== 'false') return undefined;
  return (contextValue) => contextValue.trim().toLowerCase() === expected;
};

/** `BinaryEquals` policy value: base64, compared byte for byte. */
export const readBinary: Reader = (policyValue) => {
  if (!BASE64.test(policyValue)) return undefined;
  const expected = Buffer.from(policyValue, 'base64');
  return (contextValue) => BASE64.test(contextValue) && Buffer.from(contextValue, 'base64').equals(expected);
};

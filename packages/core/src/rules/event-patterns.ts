import { CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES } from '../events/schemas/eventbridge.js';
import type { Rule } from './define-rule.js';

/** An EventBridge event pattern (the subset trailwarden emits). */
export interface EventPattern {
  readonly 'detail-type': readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * Derives the central bus's EventBridge patterns from the catalog, one per event source
 * (event names sorted) plus one per wildcard rule, so infrastructure cannot drift from the
 * rules. Config-sourced rules are routed by their own detail-types and are left out here.
 *
 * @example
 * deriveEventPatterns(CATALOG)[0];
 * // { 'detail-type': [...], detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['DeleteTrail', …] } }
 */
export function deriveEventPatterns(rules: readonly Rule[]): EventPattern[] {
  const bySource = new Map<string, Set<string>>();
  const patterns: EventPattern[] = [];
  for (const rule of rules) {
    if (rule.events === '*') {
      patterns.push({
        'detail-type': [...CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES],
        detail: rule.eventPatternDetail ?? {},
      });
      continue;
    }
    for (const selector of rule.events) {
      if (selector.source === CONFIG_SOURCE) continue;
      const names = bySource.get(selector.source) ?? new Set<string>();
      for (const name of selector.names) names.add(name);
      bySource.set(selector.source, names);
    }
  }
  const sourced = [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, names]) => ({
      'detail-type': [...CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES],
      detail: { eventSource: [source], eventName: [...names].sort() },
    }));
  return [...sourced, ...patterns];
}

const CONFIG_SOURCE = 'config.amazonaws.com';

/**
 * Evaluates an EventBridge pattern against an event, for the subset of pattern syntax trailwarden
 * emits: value lists, nested objects, and `{ prefix }`, `{ suffix }`, `{ "anything-but": [...] }`,
 * `{ exists }` matchers. Used by tests to prove every rule's events are delivered.
 */
export function patternMatches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    const values = Array.isArray(value) ? value : [value];
    return pattern.some((candidate) => values.some((v) => leafMatches(candidate, v)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object') return false;
    const record = value as Record<string, unknown>;
    return Object.entries(pattern).every(([key, sub]) => patternMatches(sub, record[key]));
  }
  return false;
}

function leafMatches(candidate: unknown, value: unknown): boolean {
  if (candidate === null || typeof candidate !== 'object') return candidate === value;
  const matcher = candidate as Record<string, unknown>;
  if (typeof matcher.prefix === 'string')
    return typeof value === 'string' && value.startsWith(matcher.prefix);
  if (typeof matcher.suffix === 'string') return typeof value === 'string' && value.endsWith(matcher.suffix);
  if (typeof matcher.exists === 'boolean') return (value !== undefined) === matcher.exists;
  if (Array.isArray(matcher['anything-but']))
    return value !== undefined && !matcher['anything-but'].includes(value);
  return false;
}

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/parse-settings.js';
import { dedupeWindowFor, FALLBACK_DEDUPE_WINDOW_MINUTES, remediationModeFor } from './apply-settings.js';

const rule = { id: 'cloudtrail-logging-stopped', dedupeWindowMinutes: 30 };

describe('dedupeWindowFor', () => {
  it.each([
    { name: 'the rule’s own window', settings: {}, window: 30 },
    { name: 'the file-wide window over the rule’s', settings: { dedupeWindowMinutes: 90 }, window: 90 },
    {
      name: 'the rule entry over the file-wide window',
      settings: {
        dedupeWindowMinutes: 90,
        rules: { 'cloudtrail-logging-stopped': { dedupeWindowMinutes: 5 } },
      },
      window: 5,
    },
    { name: 'zero is a window (no dedupe)', settings: { dedupeWindowMinutes: 0 }, window: 0 },
  ])('$name', ({ settings, window }) => {
    expect(dedupeWindowFor(parseSettings(settings), rule, rule.id)).toBe(window);
  });

  it('falls back for a rule it does not know', () => {
    expect(dedupeWindowFor(parseSettings({}), undefined, 'gone')).toBe(FALLBACK_DEDUPE_WINDOW_MINUTES);
  });
});

describe('remediationModeFor', () => {
  it.each([
    { settings: {}, mode: 'off' },
    { settings: { rules: { 'cloudtrail-logging-stopped': { enabled: true } } }, mode: 'off' },
    { settings: { rules: { 'cloudtrail-logging-stopped': { remediation: 'auto' } } }, mode: 'auto' },
  ])('$mode', ({ settings, mode }) => {
    expect(remediationModeFor(parseSettings(settings), rule.id)).toBe(mode);
  });
});

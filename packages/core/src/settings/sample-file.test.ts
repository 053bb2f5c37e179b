import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_CHANNELS } from './alerts-schema.js';
import { parseSettingsText } from './parse-settings.js';
import { REMEDIATION_MODES, SettingsSchema } from './settings-schema.js';
import { SUPPRESSION_SCOPE_KEYS } from './suppression-schema.js';

const SAMPLE_URL = new URL('../../../../trailwarden.config.sample.yaml', import.meta.url);

describe('trailwarden.config.sample.yaml', () => {
  const text = readFileSync(SAMPLE_URL, 'utf8');

  it('is valid settings', () => {
    // Act
    const run = () => parseSettingsText(text, 'yaml', 'trailwarden.config.sample.yaml');
    // Assess
    expect(run).not.toThrow();
  });

  it('shows every top-level key, scope key, alert channel and remediation mode', () => {
    // Prepare
    const raw = parseSettingsText(text, 'yaml');
    const documented = (key: string) => new RegExp(`^\\s*-?\\s*${key}:`, 'm').test(text);
    // Act
    const missingKeys = Object.keys(SettingsSchema.shape).filter((key) => !documented(key));
    const missingScope = SUPPRESSION_SCOPE_KEYS.filter((key) => !raw.suppressions.some((s) => s[key]));
    const missingChannels = ALERT_CHANNELS.filter((channel) => raw.alerts[channel] === undefined);
    const usedModes = new Set(Object.values(raw.rules).map((rule) => rule.remediation));
    // Assess
    expect(missingKeys).toEqual([]);
    expect(missingScope).toEqual([]);
    expect(missingChannels).toEqual([]);
    expect(REMEDIATION_MODES.filter((mode) => !usedModes.has(mode))).toEqual([]);
  });

  it('every suppression has an owner, a reason and an expiry', () => {
    // Act
    const settings = parseSettingsText(text, 'yaml');
    // Assess
    expect(settings.suppressions.length).toBeGreaterThan(0);
    for (const suppression of settings.suppressions) {
      expect(suppression.owner).not.toBe('');
      expect(suppression.reason).not.toBe('');
      expect(Number.isNaN(Date.parse(suppression.expires))).toBe(false);
    }
  });
});

export { SettingsError } from '../errors.js';
export * from './alerts-schema.js';
export * from './catalog-checks.js';
export * from './detection-settings.js';
export { describeIssues, formatPath, type SettingsPath, type SettingsProblem } from './format-issues.js';
export * from './parse-settings.js';
export * from './settings-schema.js';
export * from './suppression-schema.js';

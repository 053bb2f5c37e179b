import { z } from 'zod';
import { SEVERITIES } from '../findings/severity.js';
import { AlertsSchema } from './alerts-schema.js';
import { DetectionSettingsSchema } from './detection-settings.js';
import { notA } from './messages.js';
import { SuppressionSchema } from './suppression-schema.js';

/** What the pipeline does with a rule's remediation actions: nothing (default), plan only, or act. */
export const REMEDIATION_MODES = ['off', 'dry-run', 'auto'] as const;
export const RemediationModeSchema = z.enum(REMEDIATION_MODES, {
  error: notA('a remediation mode', 'off, dry-run or auto'),
});
export type RemediationMode = z.infer<typeof RemediationModeSchema>;

/** Longest dedupe window a file may set: a week. */
export const MAX_DEDUPE_WINDOW_MINUTES = 10_080;
const windowMinutes = z
  .number({ error: notA('a number of minutes', `a whole number from 0 to ${MAX_DEDUPE_WINDOW_MINUTES}`) })
  .int({ error: notA('a whole number', `a whole number from 0 to ${MAX_DEDUPE_WINDOW_MINUTES}`) })
  .min(0, { error: notA('a window', `a whole number from 0 to ${MAX_DEDUPE_WINDOW_MINUTES}`) })
  .max(MAX_DEDUPE_WINDOW_MINUTES, {
    error: notA('a window', `a whole number from 0 to ${MAX_DEDUPE_WINDOW_MINUTES} (one week)`),
  });

/** Per-rule settings, keyed by rule id in `rules`. */
export const RuleSettingsSchema = z.strictObject({
  enabled: z.boolean({ error: notA('true or false', 'true or false') }).default(true),
  severity: z.enum(SEVERITIES, { error: notA('a severity', `one of ${SEVERITIES.join(', ')}`) }).optional(),
  remediation: RemediationModeSchema.default('off'),
  /** Repeats inside this window count on the open finding instead of alerting again. */
  dedupeWindowMinutes: windowMinutes.optional(),
});
export type RuleSettings = z.infer<typeof RuleSettingsSchema>;

/** How findings caused by CI/CD deploy roles (provenance `deploy-pipeline`) are treated. */
export const DeployPipelineSchema = z.strictObject({
  /** Severity steps to lower by (0 keeps it). Lowered findings are still recorded and alerted by routing. */
  lowerSeverityBy: z
    .number({ error: notA('a number of steps', 'a whole number from 0 to 4') })
    .int({ error: notA('a whole number', 'a whole number from 0 to 4') })
    .min(0, { error: notA('a step count', 'a whole number from 0 to 4') })
    .max(4, { error: notA('a step count', 'a whole number from 0 to 4 (critical down to info)') })
    .default(0),
});
export type DeployPipelineSettings = z.infer<typeof DeployPipelineSchema>;

/**
 * The whole settings file (`trailwarden.config.yaml` or `.json`): the detection settings the
 * engine reads, plus per-rule remediation and dedupe windows, suppressions, deploy-pipeline
 * severity lowering, alert routing and the default dedupe window. Unknown keys are rejected.
 * Rule ids are checked against the catalog by `parseSettings`, not here, so the schema stays
 * usable with test catalogs.
 *
 * @example
 * SettingsSchema.parse({ rules: { 'root-activity': { remediation: 'dry-run' } } }).suppressions; // []
 */
export const SettingsSchema = z.strictObject({
  ...DetectionSettingsSchema.shape,
  rules: z.record(z.string(), RuleSettingsSchema).default({}),
  /** Overrides every rule's built-in dedupe window, unless the rule's own entry sets one. */
  dedupeWindowMinutes: windowMinutes.optional(),
  suppressions: z.array(SuppressionSchema, { error: notA('a list', 'a list of suppressions') }).default([]),
  deployPipeline: DeployPipelineSchema.default({ lowerSeverityBy: 0 }),
  alerts: AlertsSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Settings with every default applied (no suppressions, no alert channels, remediation off). */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

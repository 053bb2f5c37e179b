import { z } from 'zod';
import { SettingsError } from '../errors.js';
import { SeveritySchema } from '../findings/severity.js';

const AccountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');

/** The account password policy baseline (CIS 1.8–1.9), compared with by password-policy rules. */
export const PasswordBaselineSchema = z.strictObject({
  minimumPasswordLength: z.number().int().min(6).max(128).default(14),
  requireSymbols: z.boolean().default(true),
  requireNumbers: z.boolean().default(true),
  requireUppercaseCharacters: z.boolean().default(true),
  requireLowercaseCharacters: z.boolean().default(true),
  passwordReusePrevention: z.number().int().min(0).max(24).default(24),
  maxPasswordAge: z.number().int().min(0).max(1095).default(90),
});
export type PasswordBaseline = z.infer<typeof PasswordBaselineSchema>;

const ThresholdSchema = z.strictObject({
  count: z.number().int().min(1),
  windowMinutes: z.number().int().min(1).max(1440),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

const RuleSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  severity: SeveritySchema.optional(),
});

/**
 * The part of the settings file the detection engine reads. Issue-level features
 * (suppressions, routing, remediation modes) extend this schema in the pipeline.
 */
export const DetectionSettingsSchema = z.strictObject({
  /** Accounts that are "ours": principals from other accounts are cross-account exposure. */
  allowedAccounts: z.array(AccountId).default([]),
  /** AWS Organizations id (`o-…`); conditions on `aws:PrincipalOrgID` with it restrict to the org. */
  organizationId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id like o-a1b2c3d4e5')
    .optional(),
  /** S3 buckets that receive CloudTrail logs (also learned from CreateTrail/UpdateTrail). */
  trailBuckets: z.array(z.string().min(3)).default([]),
  /** Role ARN patterns (`*` and `?` wildcards) that identify CI/CD deploy pipelines. */
  deployRoles: z.array(z.string().min(1)).default([]),
  passwordPolicyBaseline: PasswordBaselineSchema.default(PasswordBaselineSchema.parse({})),
  thresholds: z
    .strictObject({
      consoleLoginFailures: ThresholdSchema.default({ count: 5, windowMinutes: 15 }),
      unauthorizedApiCalls: ThresholdSchema.default({ count: 10, windowMinutes: 10 }),
    })
    .default({
      consoleLoginFailures: { count: 5, windowMinutes: 15 },
      unauthorizedApiCalls: { count: 10, windowMinutes: 10 },
    }),
  /** Per-rule switches and severity overrides, keyed by rule id. */
  rules: z.record(z.string(), RuleSettingsSchema).default({}),
});
export type DetectionSettings = z.infer<typeof DetectionSettingsSchema>;

/** Settings with every default applied. */
export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = DetectionSettingsSchema.parse({});

/**
 * Validates a parsed settings document. Throws `SettingsError` whose `issues` name each
 * field, the value found and what is expected.
 *
 * @example
 * parseDetectionSettings({ allowedAccounts: ['111122223333'] }).thresholds.consoleLoginFailures.count; // 5
 */
export function parseDetectionSettings(input: unknown): DetectionSettings {
  const result = DetectionSettingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const found = valueAt(input, issue.path);
    const shown = found === undefined ? '' : ` (found ${JSON.stringify(found)?.slice(0, 80)})`;
    return `${path}: ${issue.message}${shown}`;
  });
  throw new SettingsError(`invalid settings: ${issues.join('; ')}`, issues);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

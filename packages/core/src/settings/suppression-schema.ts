import { z } from 'zod';
import { CategorySchema } from '../findings/category.js';
import { stableHash } from '../util/hash.js';
import { notA } from './messages.js';

const ISO_EXAMPLE = 'ISO-8601 like 2027-01-31T00:00:00Z';
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An expiry as written in the file: a date-time with a zone (`2027-01-31T00:00:00Z`,
 * `2027-01-31T09:00:00+02:00`) or a bare date, which means the start of that day in UTC.
 * The output is always a date-time string (a bare date gets `T00:00:00Z`).
 */
export const ExpirySchema = z
  .string({ error: notA('a date-time', ISO_EXAMPLE) })
  .refine(
    (text) => {
      const match = DATE_TIME.exec(text);
      if (!match?.[1]) return false;
      // Date.parse rolls 2027-02-30 over to March; a real calendar date survives a round trip.
      const day = new Date(`${match[1]}T00:00:00Z`);
      return (
        !Number.isNaN(day.getTime()) &&
        day.toISOString().startsWith(match[1]) &&
        !Number.isNaN(Date.parse(text))
      );
    },
    { error: notA('a date-time', ISO_EXAMPLE) },
  )
  .transform((text) => (text.length === 10 ? `${text}T00:00:00Z` : text));

const ARN_PATTERN = /^(?:arn:|\*)/;
const arnPatterns = (example: string) =>
  z
    .array(
      z
        .string({ error: notA('an ARN pattern', `an ARN with optional * and ? wildcards, like ${example}`) })
        .regex(ARN_PATTERN, {
          error: notA('an ARN pattern', `an ARN with optional * and ? wildcards, like ${example}`),
        }),
      { error: notA('a list', `a list of ARN patterns, like [${example}]`) },
    )
    .min(1, { error: 'is empty; expected at least one pattern, or leave the key out' });

const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: notA('a list', `a list of ${what}`) })
    .min(1, { error: `is empty; expected at least one of ${what}, or leave the key out` });

const required = (what: string) =>
  z
    .string({ error: notA('text', what) })
    .trim()
    .min(1, { error: notA('filled in', what) });

/** The keys that say what a suppression applies to; at least one must be given. */
export const SUPPRESSION_SCOPE_KEYS = [
  'principals',
  'accounts',
  'regions',
  'resources',
  'rules',
  'categories',
] as const;

const SuppressionFields = z.strictObject({
  /** Stable id used in findings and logs; defaults to a hash of the owner and the scope. */
  id: z
    .string({ error: notA('an id', 'a short name like ci-deploy-role-s3') })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
      error: notA('an id', 'letters, digits, ".", "_", ":" or "-", at most 64 characters'),
    })
    .optional(),
  owner: required('who answers for this suppression (a team or a person)'),
  reason: required('why these findings are accepted'),
  expires: ExpirySchema,
  /** Actor ARN patterns; an assumed-role session also matches by its role's ARN. */
  principals: arnPatterns('arn:aws:iam::111122223333:role/deploy-*').optional(),
  accounts: nonEmptyList(
    z
      .string()
      .regex(/^\d{12}$/, { error: notA('an account id', 'a 12-digit AWS account id like 111122223333') }),
    '12-digit account ids',
  ).optional(),
  regions: nonEmptyList(
    z
      .string()
      .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, { error: notA('a region', 'an AWS region like eu-west-1') }),
    'regions',
  ).optional(),
  /** Resource ARN patterns; any of the finding's resources may match. */
  resources: arnPatterns('arn:aws:s3:::public-website-*').optional(),
  /** Rule ids (checked against the catalog when the settings are parsed). */
  rules: nonEmptyList(
    z.string({ error: notA('a rule id', 'a rule id like root-activity') }),
    'rule ids',
  ).optional(),
  categories: nonEmptyList(CategorySchema, 'categories').optional(),
});

type SuppressionInput = z.infer<typeof SuppressionFields>;

/** The default id: the same owner and scope give the same id on every start. */
function defaultId(suppression: SuppressionInput): string {
  const scope = SUPPRESSION_SCOPE_KEYS.map(
    (key) => `${key}=${[...(suppression[key] ?? [])].sort().join(',')}`,
  );
  return `sup-${stableHash([suppression.owner, ...scope], 12)}`;
}

/**
 * A time-boxed, owned suppression: findings matching every given scope key (each key matches
 * when any of its values does) are recorded as `suppressed` and not alerted until `expires`.
 *
 * @example
 * SuppressionSchema.parse({ owner: 'platform', reason: 'CI creates users', expires: '2027-01-31', rules: ['iam-user-created'] }).id; // 'sup-…'
 */
export const SuppressionSchema = SuppressionFields.superRefine(
  (suppression, context) => {
    if (SUPPRESSION_SCOPE_KEYS.some((key) => suppression[key] !== undefined)) return;
    context.addIssue({
      code: 'custom',
      message: `matches every finding; expected at least one of ${SUPPRESSION_SCOPE_KEYS.join(', ')}`,
      input: suppression,
    });
  },
  // Also when a field is invalid, so one run reports a missing scope together with the rest.
  { when: (payload) => payload.value !== null && typeof payload.value === 'object' },
).transform((suppression) => ({ ...suppression, id: suppression.id ?? defaultId(suppression) }));
export type Suppression = z.infer<typeof SuppressionSchema>;

import { passwordPolicyFromRequest, passwordPolicyKey } from '../../state/learners/password-policy.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { type PasswordPolicyGap, passwordPolicyGaps } from './compare.js';

const LABELS: Readonly<Record<PasswordPolicyGap['field'], string>> = {
  minimumPasswordLength: 'minimum length',
  requireSymbols: 'require symbols',
  requireNumbers: 'require numbers',
  requireUppercaseCharacters: 'require uppercase',
  requireLowercaseCharacters: 'require lowercase',
  allowUsersToChangePassword: 'users may change password',
  maxPasswordAge: 'maximum age',
  passwordReusePrevention: 'passwords remembered',
  hardExpiry: 'hard expiry',
};

function show(field: PasswordPolicyGap['field'], value: number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'maxPasswordAge') return value === 0 ? 'none' : `${value} days`;
  return String(value);
}

/** `minimum length 14 → 8 (baseline 14)`, for summaries. */
function describeGap(gap: PasswordPolicyGap): string {
  const before = gap.before === undefined ? '' : `${show(gap.field, gap.before)} → `;
  const baseline =
    gap.belowBaseline && gap.baseline !== undefined ? ` (baseline ${show(gap.field, gap.baseline)})` : '';
  return `${LABELS[gap.field]} ${before}${show(gap.field, gap.after)}${baseline}`;
}

/**
 * Account password policy changes, judged before/after: the new policy is compared with the
 * previous one (learned from earlier `UpdateAccountPasswordPolicy` events) and with
 * `settings.passwordPolicyBaseline`. `UpdateAccountPasswordPolicy` is not a partial update, so
 * a parameter the request omits counts as IAM's default (e.g. no symbols required). Weaker
 * than before or short of the baseline → medium; deleting the policy → high; a change that
 * keeps or raises the bar and meets the baseline → no finding.
 */
export default defineRule({
  id: 'password-policy-weakened',
  title: 'Account password policy weakened',
  description:
    'The IAM account password policy was weakened (shorter minimum length, a character class dropped, less ' +
    'reuse prevention, longer or no expiry) or set below the configured baseline, or deleted altogether.',
  category: 'password_policy_weakened',
  severity: 'medium',
  events: [
    { source: 'iam.amazonaws.com', names: ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'] },
  ],
  references: {
    cis: ['1.8', '1.9'],
    securityHub: ['IAM.7', 'IAM.15', 'IAM.16'],
    mitre: ['T1556'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html',
    ],
  },
  runbook: `## Account password policy weakened

**Check**
1. Compare before and after (\`context.changes\`: field, before, after, baseline). Note that an
   update that omits a setting resets it to IAM's default, so a "change the length only" request
   silently drops the other requirements.
2. Who changed it and was it planned? Read the current policy: \`aws iam get-account-password-policy\`.

**Fix**
Restore the baseline (adjust the values to your \`passwordPolicyBaseline\` setting):

\`\`\`sh
aws iam update-account-password-policy --minimum-password-length 14 \\
  --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters \\
  --allow-users-to-change-password --password-reuse-prevention 24 --max-password-age 90
\`\`\`

Then check which users set a password while the weak policy was in force and ask them to change it.`,
  remediation: ['iam-restore-password-policy'],
  dedupeWindowMinutes: 60,
  match(event, { settings, state }) {
    if (!event.success) return undefined;
    const previous = state.get(passwordPolicyKey(event.account));
    if (event.eventName === 'DeleteAccountPasswordPolicy') {
      return {
        severity: 'high',
        title: 'Account password policy deleted',
        summary: `${actorLabel(event.actor)} deleted the account password policy of account ${event.account}; IAM defaults now apply (8 characters, no complexity, no expiry, reuse allowed).`,
        context: evidence({ previous, baseline: settings.passwordPolicyBaseline }),
        dedupe: ['password-policy'],
      };
    }
    const next = passwordPolicyFromRequest(event.requestParameters);
    const changes = passwordPolicyGaps(previous, next, settings.passwordPolicyBaseline);
    if (changes.length === 0) return undefined;
    const weakened = changes.some((change) => change.weakened);
    const what = changes.map(describeGap).join(', ');
    return {
      title: weakened ? 'Account password policy weakened' : 'Account password policy below baseline',
      summary: weakened
        ? `${actorLabel(event.actor)} weakened the account password policy of account ${event.account}: ${what}.`
        : `${actorLabel(event.actor)} set an account password policy below the baseline in account ${event.account}: ${what}.`,
      context: evidence({ changes, previousKnown: previous !== undefined, policy: next }),
      dedupe: ['password-policy'],
    };
  },
});

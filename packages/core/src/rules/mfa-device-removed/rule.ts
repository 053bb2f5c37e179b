import type { ChangeEvent } from '../../events/change-event.js';
import { assessPrincipal, type PrivilegeAssessment } from '../../state/iam-state.js';
import type { StateView } from '../../state/state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';

/** The root user's virtual MFA device has this fixed serial (`arn:aws:iam::<account>:mfa/root-account-mfa-device`). */
const ROOT_DEVICE_SUFFIX = ':mfa/root-account-mfa-device';

/** Whose MFA was removed, as far as the record and the state tell. */
interface MfaTarget {
  readonly privilege: 'root' | 'admin' | 'standard' | 'unknown';
  readonly userName?: string;
  readonly self: boolean;
  readonly assessment?: PrivilegeAssessment;
}

function targetOf(event: ChangeEvent, state: StateView): MfaTarget {
  const serial = str(event.requestParameters, 'serialNumber');
  const requested = str(event.requestParameters, 'userName');
  const actor = event.actor;
  if (serial?.endsWith(ROOT_DEVICE_SUFFIX)) return { privilege: 'root', self: actor.type === 'Root' };
  if (event.eventName === 'DeactivateMFADevice' && requested === undefined) {
    // IAM applies the call to the caller: root deactivating its own device, or a user its own.
    if (actor.type === 'Root') return { privilege: 'root', self: true };
    if (actor.type === 'IAMUser' && actor.userName) return userTarget(event, state, actor.userName, true);
  }
  if (requested !== undefined) {
    const self = actor.type === 'IAMUser' && actor.userName?.toLowerCase() === requested.toLowerCase();
    return userTarget(event, state, requested, self);
  }
  // DeleteVirtualMFADevice names only the device; the user it belonged to is not in the record.
  return { privilege: 'unknown', self: false };
}

/** ` (admin-level, the caller itself)`, or nothing. */
function noteOf(target: MfaTarget): string {
  const notes = [
    target.privilege === 'admin' ? 'admin-level' : '',
    target.self ? 'the caller itself' : '',
  ].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

function userTarget(event: ChangeEvent, state: StateView, userName: string, self: boolean): MfaTarget {
  const assessment = assessPrincipal(state, event.account, 'user', userName);
  return { privilege: assessment.level === 'admin' ? 'admin' : 'standard', userName, self, assessment };
}

/**
 * MFA deactivated or a virtual MFA device deleted. Privilege-aware: the root user's MFA or an
 * admin-level user's MFA → critical; anyone else's → high. Whether the caller itself had an
 * MFA session is recorded as evidence (`callerMfaAuthenticated`): removing MFA from a session
 * that never proved MFA is the pattern of a stolen password or key.
 */
export default defineRule({
  id: 'mfa-device-removed',
  title: 'MFA device removed',
  description:
    'An MFA device was deactivated or a virtual MFA device deleted, leaving the identity protected by its ' +
    'password or keys alone. Removing MFA from the root user or an admin-level user is critical.',
  category: 'mfa_disabled',
  severity: 'high',
  events: [{ source: 'iam.amazonaws.com', names: ['DeactivateMFADevice', 'DeleteVirtualMFADevice'] }],
  references: {
    cis: ['1.5', '1.10'],
    securityHub: ['IAM.5', 'IAM.9'],
    mitre: ['T1556.006'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_disable.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9',
    ],
  },
  runbook: `## MFA device removed

**Check**
1. Whose MFA was removed (\`context.targetUser\`, \`context.privilege\`) and by whom? A user replacing
   a lost phone is common, but it is usually followed within minutes by \`EnableMFADevice\`.
2. Did the caller have an MFA session (\`context.callerMfaAuthenticated\`)? Removing MFA with a
   password- or key-only session is suspicious.
3. What happened next on that identity?
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<user>\`
   and check the current devices: \`aws iam list-mfa-devices --user-name <user>\` (root:
   \`aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'\`).

**Fix**
- Re-enroll MFA: \`aws iam create-virtual-mfa-device --virtual-mfa-device-name <user>\` and
  \`aws iam enable-mfa-device --user-name <user> --serial-number <arn> --authentication-code1 <c1> --authentication-code2 <c2>\`
  (root: as root, in "Security credentials").
- Not legitimate: contain the identity until MFA is back (trailwarden's quarantine action attaches a
  deny-all policy and deactivates new keys), reset its password and rotate its keys.
- Prevent it: only allow \`iam:DeactivateMFADevice\` with \`aws:MultiFactorAuthPresent\`.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const target = targetOf(event, state);
    const serialNumber = str(event.requestParameters, 'serialNumber');
    const callerMfa = event.actor.mfaUsed;
    const critical = target.privilege === 'root' || target.privilege === 'admin';
    const whose =
      target.privilege === 'root'
        ? 'the root user'
        : target.userName
          ? `IAM user ${target.userName}${noteOf(target)}`
          : undefined;
    const device = serialNumber ?? 'an MFA device';
    const what =
      event.eventName === 'DeleteVirtualMFADevice'
        ? `deleted virtual MFA device ${device}${whose ? ` of ${whose}` : ''}`
        : `deactivated MFA device ${device}${whose ? ` of ${whose}` : ''}`;
    const caveat = callerMfa ? '' : '; the caller had no MFA session';
    return {
      severity: critical ? 'critical' : 'high',
      title:
        target.privilege === 'root'
          ? 'MFA removed from the root user'
          : target.privilege === 'admin'
            ? 'MFA removed from an admin-level user'
            : 'MFA device removed',
      summary: `${actorLabel(event.actor)} ${what} in account ${event.account}${caveat}.`,
      context: evidence({
        targetUser: target.privilege === 'root' ? 'root' : target.userName,
        serialNumber,
        // Privilege-aware severity: why this is critical or high.
        privilege: target.privilege,
        privilegeVia: target.privilege === 'admin' ? target.assessment?.via : undefined,
        self: target.self,
        callerMfaAuthenticated: callerMfa,
        provenance: event.actor.provenance,
      }),
      dedupe: [serialNumber ?? `user/${target.userName ?? 'unknown'}`],
    };
  },
});

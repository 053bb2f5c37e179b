import { compareGrants } from '../../iam/index.js';
import {
  iamPrincipalKey,
  managedPolicyDocument,
  managedPolicyPrivilege,
  parseStoredPolicy,
} from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { iamTarget, policyNameOf } from '../shared/iam-target.js';

const MAX_EVIDENCE = 20;

/**
 * A permissions boundary stopped limiting a user or role:
 * - `Delete*PermissionsBoundary` → high (whatever the boundary was, the cap is gone);
 * - `Put*PermissionsBoundary` replacing a known boundary → high when the new boundary is
 *   admin-level (it caps nothing) or, both documents known, grants what the old one did not;
 *   when one of the documents is unknown the replacement is reported as medium (cannot tell);
 *   a replacement that is not broader raises nothing.
 * Setting a boundary where none was known is tightening (first-time set) and raises nothing.
 */
export default defineRule({
  id: 'iam-permissions-boundary-changed',
  title: 'IAM permissions boundary removed or widened',
  description:
    'The permissions boundary of an IAM user or role was deleted, or replaced with a broader policy. Boundaries ' +
    'are how delegated administrators are kept from escalating; removing one lets the principal use everything ' +
    'its identity policies allow.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [
    {
      source: 'iam.amazonaws.com',
      names: [
        'DeleteUserPermissionsBoundary',
        'DeleteRolePermissionsBoundary',
        'PutUserPermissionsBoundary',
        'PutRolePermissionsBoundary',
      ],
    },
  ],
  references: {
    mitre: ['T1098'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html',
    ],
  },
  runbook: `## IAM permissions boundary removed or widened

**Check**
1. Which principal lost its cap (\`resources\`) and what the boundary was (\`context.previousBoundary\`).
2. Was it the principal itself, or a delegated admin whose own policies allow
   \`iam:Delete*PermissionsBoundary\`? Boundaries usually exist because the principal is not fully trusted.
3. What the principal can do now: \`aws iam list-attached-role-policies --role-name <name>\`,
   \`aws iam list-role-policies --role-name <name>\` (or the \`user\` variants).
4. Current boundary: \`aws iam get-role --role-name <name> --query Role.PermissionsBoundary\`.

**Fix**
1. Restore the boundary:
   \`aws iam put-role-permissions-boundary --role-name <name> --permissions-boundary <previousBoundary>\`
   (or \`put-user-permissions-boundary --user-name <name>\`).
2. Deny \`iam:DeleteUserPermissionsBoundary\`, \`iam:DeleteRolePermissionsBoundary\` and \`iam:Put*PermissionsBoundary\`
   (except with \`iam:PermissionsBoundary\` equal to the approved boundary) to delegated admins.
3. If the change was not authorized, quarantine the actor that made it.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const target = iamTarget(event);
    const previous = target && state.get(iamPrincipalKey(event.account, target.kind, target.name))?.boundary;
    const who = actorLabel(event.actor);

    if (event.eventName.startsWith('Delete')) {
      // A deletion is reported even when the record does not name the principal: the cap is gone either way.
      const from = target?.label ?? `an IAM ${event.eventName.includes('User') ? 'user' : 'role'}`;
      return {
        ...(target && { resources: [target.arn] }),
        title: 'IAM permissions boundary removed',
        summary: `${who} removed the permissions boundary${previous ? ` ${policyNameOf(previous)}` : ''} from ${from} in ${event.account}.`,
        context: evidence({
          principal: target?.arn,
          previousBoundary: previous,
          provenance: event.actor.provenance,
        }),
        dedupe: [target?.arn ?? 'unknown-principal'],
      };
    }

    if (!target) return undefined;
    const base = { resources: [target.arn], dedupe: [target.arn] };
    const facts = { principal: target.arn, previousBoundary: previous, provenance: event.actor.provenance };

    const boundary = str(event.requestParameters, 'permissionsBoundary');
    if (!boundary || !previous || previous.toLowerCase() === boundary.toLowerCase()) return undefined;
    const replaced = `${who} replaced the permissions boundary of ${target.label} in ${event.account} (${policyNameOf(previous)} → ${policyNameOf(boundary)})`;
    const withBoundary = { ...facts, boundary };
    if (managedPolicyPrivilege(state, boundary) === 'admin') {
      return {
        ...base,
        summary: `${replaced}: the new boundary is admin-level, so it no longer caps what the principal's own policies grant.`,
        context: evidence({ ...withBoundary, reason: 'admin-boundary' }),
      };
    }
    const oldDoc = parseStoredPolicy(managedPolicyDocument(state, previous));
    const newDoc = parseStoredPolicy(managedPolicyDocument(state, boundary));
    if (!oldDoc || !newDoc) {
      return {
        ...base,
        severity: 'medium',
        summary: `${replaced}; trailwarden does not know both boundary documents, so whether it is broader is unknown.`,
        context: evidence({ ...withBoundary, reason: 'unknown-boundary-document' }),
      };
    }
    const report = compareGrants(oldDoc, newDoc);
    if (!report.widened) return undefined;
    const added = report.addedPermissions.slice(0, 3).map((p) => `${p.action} on ${p.resource}`);
    return {
      ...base,
      summary: `${replaced}, which allows more${added.length > 0 ? `: ${added.join(', ')}` : ''}.`,
      context: evidence({
        ...withBoundary,
        reason: 'broader-boundary',
        addedGrants: report.addedGrants.slice(0, MAX_EVIDENCE),
        addedPermissions: report.addedPermissions.slice(0, MAX_EVIDENCE),
        addedPermissionCount: report.addedPermissions.length,
        removedRestrictions: report.removedRestrictions.slice(0, MAX_EVIDENCE),
      }),
    };
  },
});

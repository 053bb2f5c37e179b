import { managedPolicyKey, parseStoredPolicy } from '../../state/iam-state.js';
import { bool, str } from '../../util/fields.js';
import { defineRule, type RuleMatch } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { createdPolicyArn, policyNameOf } from '../shared/iam-target.js';
import {
  describeJudgement,
  identityJudgeOptions,
  judgementContext,
  judgePolicyChange,
  readPolicy,
} from '../shared/policy-judgement.js';

/**
 * A customer managed policy gained risky permissions:
 * - `CreatePolicy` is judged on its own grants (admin → critical; service wildcards, NotAction
 *   allows, privilege escalation → high);
 * - `CreatePolicyVersion` is compared with the default version in force before it (state) and
 *   reports what it added. A version created with `setAsDefault=false` is not in force, so the
 *   finding is capped at medium: it is a staged change worth a look, and the later
 *   `SetDefaultPolicyVersion` that activates it is judged (and alerts) on its own;
 * - `SetDefaultPolicyVersion` compares the version switched to with the previous default. When
 *   trailwarden never saw the new version's document it still reports (medium): rolling back to
 *   an old, broader version is a known escalation and cannot be ruled out.
 * An unparseable document is reported (high, `context.parseError`).
 */
export default defineRule({
  id: 'iam-managed-policy-widening',
  title: 'Managed IAM policy grants risky permissions',
  description:
    'A customer managed policy was created with, or changed to a version that adds, administrator access, ' +
    'service-wide wildcards, NotAction allows or privilege-escalation actions. New versions and default-version ' +
    'switches are compared with the version in force before them, so the finding says what was added.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [
    {
      source: 'iam.amazonaws.com',
      names: ['CreatePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion'],
    },
  ],
  references: {
    cis: ['4.4'],
    securityHub: ['CloudWatch.4', 'IAM.1'],
    mitre: ['T1098', 'T1098.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4',
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    ],
  },
  runbook: `## Managed IAM policy grants risky permissions

**Check**
1. Read \`context.grants\` and, for a new version or default switch, \`addedPermissions\` /
   \`removedRestrictions\`: what the policy now allows that it did not before.
2. Who is affected: \`aws iam list-entities-for-policy --policy-arn <policyArn>\`.
3. Compare the versions yourself:
   \`aws iam list-policy-versions --policy-arn <policyArn>\` and
   \`aws iam get-policy-version --policy-arn <policyArn> --version-id <versionId>\`.
4. Was it expected (change ticket, the pipeline that owns the policy — see \`actor.provenance\`)? A user who can
   \`iam:CreatePolicyVersion\` or \`iam:SetDefaultPolicyVersion\` on a policy attached to itself can make itself admin.

**Fix**
1. Revert to the previous default version:
   \`aws iam set-default-policy-version --policy-arn <policyArn> --version-id <previousVersionId>\`,
   then delete the risky version: \`aws iam delete-policy-version --policy-arn <policyArn> --version-id <versionId>\`.
2. A new risky policy: detach it from every entity (\`aws iam detach-role-policy\` / \`detach-user-policy\` /
   \`detach-group-policy\`) and delete it (\`aws iam delete-policy --policy-arn <policyArn>\`).
3. Restrict \`iam:CreatePolicyVersion\` and \`iam:SetDefaultPolicyVersion\` to administrators and pipelines.`,
  remediation: ['iam-revert-policy-default-version'],
  dedupeWindowMinutes: 60,
  match(event, { state, settings }) {
    if (!event.success) return undefined;
    const params = event.requestParameters;
    const policyArn = event.eventName === 'CreatePolicy' ? createdPolicyArn(event) : str(params, 'policyArn');
    // A record missing the ARN is still judged on its document: better an unnamed finding than none.
    const policyName = policyArn ? policyNameOf(policyArn) : '(unknown policy)';
    const who = actorLabel(event.actor);
    const base = { ...(policyArn && { resources: [policyArn] }), dedupe: [policyArn ?? 'unknown-policy'] };
    const options = identityJudgeOptions(event.account, settings);
    const known = policyArn ? state.get(managedPolicyKey(policyArn)) : undefined;
    const previousDefault = known?.defaultVersionId;
    const previous = parseStoredPolicy(
      previousDefault === undefined ? undefined : known?.versions[previousDefault],
    );

    if (event.eventName === 'SetDefaultPolicyVersion') {
      const versionId = str(params, 'versionId') ?? '(unknown)';
      if (versionId === previousDefault) return undefined;
      const next = parseStoredPolicy(known?.versions[versionId]);
      const facts = {
        policyArn,
        versionId,
        previousVersionId: previousDefault,
        provenance: event.actor.provenance,
      };
      if (!next) {
        return {
          ...base,
          severity: 'medium',
          title: 'Managed IAM policy default version switched to an unknown version',
          summary: `${who} made ${versionId} the default version of managed policy ${policyName} in ${event.account}; trailwarden has not seen that version's document, so whether it widens access is unknown.`,
          context: evidence({ ...facts, newVersionKnown: false }),
        };
      }
      const judgement = judgePolicyChange(next, previous, options);
      if (!judgement) return undefined;
      return {
        ...base,
        severity: judgement.severity,
        title: 'Managed IAM policy default version widened',
        summary: `${who} made ${versionId} the default version of managed policy ${policyName} in ${event.account}: ${describeJudgement(judgement)}.`,
        context: evidence({ ...facts, newVersionKnown: true, ...judgementContext(judgement) }),
      };
    }

    const input = readPolicy(params.policyDocument);
    const creating = event.eventName === 'CreatePolicy';
    const versionId = creating ? 'v1' : str(event.responseElements, 'policyVersion.versionId');
    const inForce =
      creating ||
      (bool(params, 'setAsDefault') ??
        bool(event.responseElements, 'policyVersion.isDefaultVersion') ??
        false);
    const facts = {
      policyArn,
      versionId,
      inForce,
      previousVersionId: previousDefault,
      provenance: event.actor.provenance,
    };
    const action = creating
      ? 'created managed policy'
      : `created ${versionId ? `version ${versionId}` : 'a new version'} of managed policy`;
    if (!input.ok) {
      return {
        ...base,
        severity: 'high',
        title: 'Managed IAM policy could not be analyzed',
        summary: `${who} ${action} ${policyName} in ${event.account}, and its document could not be parsed: ${input.error}.`,
        context: evidence({ ...facts, parseError: input.error }),
      };
    }
    const judgement = judgePolicyChange(input.doc, creating ? undefined : previous, options);
    if (!judgement) return undefined;
    const result: RuleMatch = {
      ...base,
      severity: inForce || judgement.severity === 'low' ? judgement.severity : 'medium',
      ...(judgement.compared && { title: 'Managed IAM policy widened' }),
      summary: `${who} ${action} ${policyName} in ${event.account}${inForce ? '' : ' (not set as default)'}: ${describeJudgement(judgement)}.`,
      context: evidence({ ...facts, ...judgementContext(judgement) }),
    };
    return result;
  },
});

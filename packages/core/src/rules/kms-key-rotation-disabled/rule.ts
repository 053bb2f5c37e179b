import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { kmsKeyArn } from '../shared/kms-key.js';
import { whereLabel, withResources } from '../shared/resource-arn.js';

/**
 * Automatic rotation turned off for a customer managed key (CIS 3.8, KMS.4). Low: nothing is
 * exposed or lost, but key material stops being renewed, which weakens the long-term posture.
 */
export default defineRule({
  id: 'kms-key-rotation-disabled',
  title: 'KMS key rotation disabled',
  description:
    'Automatic key rotation was disabled for a KMS key. Existing data stays readable, but the key material is no ' +
    'longer renewed, so more data accumulates under one key and a compromised key stays useful for longer.',
  category: 'kms_key_disable_or_deletion',
  severity: 'low',
  events: [{ source: 'kms.amazonaws.com', names: ['DisableKeyRotation'] }],
  references: {
    cis: ['3.8'],
    securityHub: ['KMS.4'],
    links: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4',
    ],
  },
  runbook: `## KMS key rotation disabled

**What happened.** Automatic rotation of key material was turned off for \`context.keyArn\`.
CIS 3.8 / Security Hub KMS.4 expect rotation on every customer managed symmetric key.

**Check**
1. Was it planned (see the actor and \`provenance\`)? A few cases need it off (imported key material,
   keys rotated manually with alias swaps).
2. Current state: \`aws kms get-key-rotation-status --key-id <key-arn>\`
3. Key type: rotation only applies to symmetric keys with AWS-generated material
   (\`aws kms describe-key --key-id <key-arn>\`: \`KeySpec\`, \`Origin\`).

**Fix**
- Turn rotation back on (yearly by default; \`--rotation-period-in-days\` 90–2560):
  \`aws kms enable-key-rotation --key-id <key-arn>\`
- Enforce it in infrastructure as code (\`EnableKeyRotation: true\` in CloudFormation, \`enable_key_rotation = true\` in Terraform).`,
  remediation: [],
  dedupeWindowMinutes: 1440,
  match: (event) => {
    if (!event.success) return undefined;
    const key = kmsKeyArn(event);
    return {
      summary: `${actorLabel(event.actor)} disabled automatic rotation of KMS key ${key ?? '(unknown key)'} in ${whereLabel(event)}.`,
      resources: withResources(event, [key]),
      context: { keyArn: key, provenance: event.actor.provenance },
      dedupe: [key ?? ''],
    };
  },
});

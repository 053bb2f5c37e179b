import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';

/**
 * A new IAM user: a new long-lived identity. The creator is never the created user, so the
 * "actor ≠ target raises severity" judgement becomes a provenance judgement: a deploy
 * pipeline (or CloudFormation acting for one) creating users is the reviewed, expected path
 * (low); a person or an unknown caller creating one by hand is how persistence is usually
 * set up (medium).
 */
export default defineRule({
  id: 'iam-user-created',
  title: 'IAM user created',
  description:
    'An IAM user was created. IAM users carry long-lived passwords and access keys; one created by hand ' +
    'rather than by a deploy pipeline is a classic persistence step and is reported higher.',
  category: 'iam_user_or_key_created',
  severity: 'low',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateUser'] }],
  references: {
    mitre: ['T1136.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp',
    ],
  },
  runbook: `## IAM user created

**Check**
1. Who created the user (see actor and provenance) and is there a ticket or a pipeline run for it?
2. What can the new user do and how can it sign in?
   \`aws iam list-attached-user-policies --user-name <user>\`, \`aws iam list-user-policies --user-name <user>\`,
   \`aws iam list-groups-for-user --user-name <user>\`, \`aws iam list-access-keys --user-name <user>\`,
   \`aws iam get-login-profile --user-name <user>\`
3. Look for follow-up calls on the same user (CreateAccessKey, CreateLoginProfile, AttachUserPolicy).

**Fix**
- Unexpected user: deactivate its keys (\`aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive\`),
  delete its login profile (\`aws iam delete-login-profile --user-name <user>\`), then remove it once
  the investigation is done (\`aws iam delete-user --user-name <user>\` after detaching its policies).
- Expected user created by hand: move its definition into infrastructure as code, or replace it
  with an IAM Identity Center user or a role.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event) {
    if (!event.success) return undefined;
    const userName = str(event.requestParameters, 'userName') ?? str(event.responseElements, 'user.userName');
    const userArn = str(event.responseElements, 'user.arn');
    const provenance = event.actor.provenance;
    const automated = provenance === 'deploy-pipeline' || provenance === 'aws-service';
    return {
      severity: automated ? 'low' : 'medium',
      title: automated ? 'IAM user created by a deployment' : 'IAM user created by hand',
      summary: `${actorLabel(event.actor)} created IAM user ${userName ?? '(unnamed)'} in account ${event.account}.`,
      ...(userArn && { resources: [userArn, ...event.resources.filter((arn) => arn !== userArn)] }),
      context: evidence({
        userName,
        userArn,
        path: str(event.requestParameters, 'path'),
        permissionsBoundary: str(event.requestParameters, 'permissionsBoundary'),
        createdBy: event.actor.arn,
        provenance,
      }),
      dedupe: [userArn ?? `user/${userName ?? 'unknown'}`],
    };
  },
});

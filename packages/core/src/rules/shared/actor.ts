import type { Actor } from '../../events/change-event.js';

/**
 * A short, readable name for who made a call, for titles and summaries:
 * `root`, `user alice`, `role deploy (session ci-1234)`, `AWS service ec2.amazonaws.com`,
 * falling back to the ARN or principal id.
 */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return actor.userName ? `user ${actor.userName}` : (actor.arn ?? 'an IAM user');
    case 'AssumedRole': {
      const role = actor.sessionIssuer?.userName;
      const session = actor.arn?.split('/').at(-1);
      if (role) return session ? `role ${role} (session ${session})` : `role ${role}`;
      return actor.arn ?? 'an assumed role';
    }
    case 'AWSService':
      return `AWS service ${actor.invokedBy ?? actor.principalId ?? ''}`.trim();
    default:
      return actor.arn ?? actor.userName ?? actor.principalId ?? actor.type;
  }
}

/** True for calls made by AWS itself or by a service on someone's behalf. */
export function isAwsService(actor: Actor): boolean {
  return actor.type === 'AWSService' || actor.invokedBy !== undefined || actor.provenance === 'aws-service';
}

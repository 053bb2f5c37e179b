import type { FindingActor } from '@trailwarden/core';

/**
 * A short, readable name for the actor of a finding: `root`, `user alice`,
 * `role Deploy (session ci-42)`, `federated user bob`, else the ARN, principal id or type.
 * Findings keep the actor's ARN rather than the parsed identity, so the name is read from it.
 *
 * @example
 * findingActorLabel({ type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', mfa: true, provenance: 'human-api' });
 * // 'user alice'
 */
export function findingActorLabel(actor: FindingActor): string {
  if (actor.type === 'Root') return 'root';
  const arn = actor.arn ?? '';
  const resource = arn.split(':').slice(5).join(':');
  const [kind, ...rest] = resource.split('/');
  switch (kind) {
    case 'root':
      return 'root';
    case 'user':
      if (rest.length > 0) return `user ${rest.at(-1)}`;
      break;
    case 'assumed-role': {
      const [role, session] = rest;
      if (role) return session ? `role ${role} (session ${session})` : `role ${role}`;
      break;
    }
    case 'federated-user':
      if (rest.length > 0) return `federated user ${rest.join('/')}`;
      break;
    case 'role':
      if (rest.length > 0) return `role ${rest.at(-1)}`;
      break;
  }
  return actor.arn ?? actor.principalId ?? actor.type;
}

/**
 * One line describing how the actor came in: provenance, MFA, source IP.
 *
 * @example
 * actorDetails(actor); // 'human-console, MFA, from 192.0.2.10'
 */
export function actorDetails(actor: FindingActor): string {
  const parts: string[] = [actor.provenance, actor.mfa ? 'MFA' : 'no MFA'];
  if (actor.sourceIp) parts.push(`from ${actor.sourceIp}`);
  return parts.join(', ');
}

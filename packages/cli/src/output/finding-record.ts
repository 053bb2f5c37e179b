import type { Finding } from '@trailwarden/core';

/**
 * A finding as the scan prints it (`json`, `jsonl`): fixed key order, so that output diffs
 * and `jq` pipelines are stable; optional fields left out when absent. The runbook is not
 * repeated on every finding: `trailwarden rules show <ruleId>` prints it.
 *
 * @example
 * JSON.stringify(findingRecord(finding)); // {"id":"…","ruleId":"root-console-login","severity":"critical",…}
 */
export function findingRecord(finding: Finding): Record<string, unknown> {
  const { actor, references } = finding;
  return {
    id: finding.id,
    ruleId: finding.ruleId,
    severity: finding.severity,
    category: finding.category,
    title: finding.title,
    summary: finding.summary,
    time: finding.time,
    account: finding.account,
    region: finding.region,
    eventSource: finding.eventSource,
    eventName: finding.eventName,
    eventId: finding.eventId,
    actor: {
      type: actor.type,
      ...(actor.arn !== undefined && { arn: actor.arn }),
      ...(actor.principalId !== undefined && { principalId: actor.principalId }),
      ...(actor.sourceIp !== undefined && { sourceIp: actor.sourceIp }),
      ...(actor.userAgent !== undefined && { userAgent: actor.userAgent }),
      mfa: actor.mfa,
      provenance: actor.provenance,
    },
    resources: finding.resources,
    context: finding.context,
    ...(finding.source !== undefined && {
      source: { file: finding.source.file, index: finding.source.index },
    }),
    dedupeKey: finding.dedupeKey,
    remediation: finding.remediation,
    references: {
      ...(references.cis !== undefined && { cis: references.cis }),
      ...(references.securityHub !== undefined && { securityHub: references.securityHub }),
      ...(references.mitre !== undefined && { mitre: references.mitre }),
      ...(references.links !== undefined && { links: references.links }),
    },
  };
}

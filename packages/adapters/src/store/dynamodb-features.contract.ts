import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbFindingStore } from './dynamodb-finding-store.js';
import type { LocalTables } from './dynamodb-resilience.contract.js';
import { findingFor, minutesAfter, recordOptions } from './store-test-data.js';
import { ensureTable, INDEX } from './table.js';

/** The DynamoDB store beyond the port: table creation, Config resolution, remediation audits, cursors, evidence size. */
export function describeDynamoDbFeaturesContract(name: string, env: LocalTables): void {
  describe(`${name}: DynamoDB finding store`, () => {
    it('creates the table with its five indexes, idempotently', async () => {
      const table = await env.freshTable();

      await ensureTable(env.client(), table);

      const { Table } = await env.client().send(new DescribeTableCommand({ TableName: table }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        Object.values(INDEX).sort(),
      );
    });

    it('stores oversized evidence as a note instead of failing the write', async () => {
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable());
      const finding = { ...findingFor({ event: 'evt-huge' }), context: { blob: 'x'.repeat(300 * 1024) } };

      const outcome = await store.record(finding, recordOptions());

      expect(outcome.kind).toBe('new');
      expect((await store.get(finding.id))?.context).toMatchObject({ truncated: true });
    });

    it('resolves the open and acknowledged findings of a COMPLIANT resource, and nothing else', async () => {
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable());
      const resource = 'arn:aws:s3:::example-logs';
      const record = (event: string, extra: Parameters<typeof findingFor>[0] = { event }) =>
        store.record(
          findingFor({ ...extra, event, key: `k-${event}`, resource: extra.resource ?? resource }),
          recordOptions(),
        );
      const open = await record('cfg-open');
      const acknowledged = await record('cfg-ack');
      await store.transition(acknowledged.finding.id, {
        to: 'acknowledged',
        by: 'bob',
        now: minutesAfter(2),
      });
      const otherRegion = await record('cfg-region', { event: 'cfg-region', region: 'eu-west-1' });
      const otherAccount = await record('cfg-account', { event: 'cfg-account', account: '444455556666' });
      const otherResource = await record('cfg-resource', {
        event: 'cfg-resource',
        resource: 'arn:aws:s3:::other',
      });
      const otherCategory = await record('cfg-category', {
        event: 'cfg-category',
        category: 'noncompliant_resource',
      });

      const resolved = await store.resolveOpenByResource(
        '111122223333',
        'us-east-1',
        resource,
        's3_public_exposure',
        'aws-config',
        minutesAfter(5),
      );

      expect(resolved.map((finding) => finding.id).sort()).toEqual(
        [open.finding.id, acknowledged.finding.id].sort(),
      );
      expect(resolved[0]?.history.at(-1)).toMatchObject({ to: 'resolved', by: 'aws-config' });
      for (const other of [otherRegion, otherAccount, otherResource, otherCategory]) {
        expect((await store.get(other.finding.id))?.status).toBe('open');
      }
    });

    it('narrows COMPLIANT resolution to one rule and dedupe key when asked', async () => {
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable());
      const resource = 'arn:aws:s3:::example-logs';
      const mine = await store.record(
        findingFor({ event: 'm-1', key: 'config#rule-a', ruleId: 'config-rule-noncompliant' }),
        recordOptions(),
      );
      const otherRule = await store.record(
        findingFor({ event: 'm-2', key: 'config#rule-b', ruleId: 'config-rule-noncompliant' }),
        recordOptions(),
      );

      const resolved = await store.resolveOpenByResource(
        '111122223333',
        'us-east-1',
        resource,
        undefined,
        'aws-config',
        minutesAfter(5),
        {
          ruleId: 'config-rule-noncompliant',
          dedupeKey: 'config#rule-a',
          reason: 'Config rule rule-a: COMPLIANT',
        },
      );

      expect(resolved.map((finding) => finding.id)).toEqual([mine.finding.id]);
      expect(resolved[0]?.history.at(-1)?.reason).toBe('Config rule rule-a: COMPLIANT');
      expect((await store.get(otherRule.finding.id))?.status).toBe('open');
    });

    it('keeps remediation audit records beside their finding, oldest first, written once', async () => {
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable());
      const { finding } = await store.record(findingFor({ event: 'evt-remediated' }), recordOptions());
      const audit = {
        findingId: finding.id,
        actionId: 's3-remove-public-policy-statements',
        mode: 'auto' as const,
        actor: 'arn:aws:sts::111122223333:assumed-role/trailwarden-remediator/remediate',
        plan: { removeStatements: ['PublicRead'] },
        priorState: {
          policy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow' }] },
        },
      };

      const first = await store.putRemediationAudit({
        ...audit,
        at: minutesAfter(3),
        outcome: { status: 'succeeded' },
      });
      const dryRun = await store.putRemediationAudit({
        ...audit,
        mode: 'dry-run',
        at: minutesAfter(1),
        outcome: { status: 'planned' },
      });
      const again = await store.putRemediationAudit({
        ...audit,
        at: minutesAfter(3),
        outcome: { status: 'failed' },
      });

      expect([first, dryRun, again]).toEqual([true, true, false]);
      const audits = await store.listRemediationAudits(finding.id);
      expect(audits.map((a) => [a.mode, a.outcome.status])).toEqual([
        ['dry-run', 'planned'],
        ['auto', 'succeeded'],
      ]);
      expect(audits[1]).toMatchObject({ priorState: audit.priorState, plan: audit.plan });
      expect((await store.list({ limit: 100 })).items.map((f) => f.id)).toEqual([finding.id]);
    });

    it('refuses a cursor from another query or not from this store', async () => {
      const store = new DynamoDbFindingStore(env.client(), await env.freshTable());
      for (const event of ['cur-1', 'cur-2', 'cur-3']) {
        await store.record(findingFor({ event, key: `k-${event}` }), recordOptions());
      }
      const { cursor } = await store.list({ status: 'open', limit: 1 });

      await expect(store.list({ status: 'resolved', cursor: cursor ?? '' })).rejects.toMatchObject({
        name: 'InvalidCursorError',
      });
      await expect(store.list({ status: 'open', cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
        name: 'InvalidCursorError',
      });
    });
  });
}

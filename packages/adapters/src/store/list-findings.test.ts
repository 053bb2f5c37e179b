import { FindingStatusSchema, SeveritySchema } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import plans from './fixtures/query-plans.json' with { type: 'json' };
import { planQuery } from './list-findings.js';

const PlanCaseSchema = z.object({
  name: z.string(),
  query: z.object({
    status: FindingStatusSchema.optional(),
    severity: SeveritySchema.optional(),
    account: z.string().optional(),
    resource: z.string().optional(),
  }),
  index: z.string().nullable(),
  keyAttributes: z.array(z.string()),
  filterAttributes: z.array(z.string()),
});
const cases = z.array(PlanCaseSchema).parse(plans);

/** Attribute names referenced by one expression, resolved through the plan's name map. */
function attributes(expression: string | undefined, names: Readonly<Record<string, string>>): string[] {
  return [...(expression ?? '').matchAll(/#a\d+/g)].map((match) => names[match[0]] ?? match[0]);
}

describe('planQuery', () => {
  it.each(cases)('$name', ({ query, index, keyAttributes, filterAttributes }) => {
    // Act
    const plan = planQuery(query);

    // Assess
    expect(plan.index ?? null).toBe(index);
    expect(attributes(plan.keyCondition, plan.names)).toEqual(keyAttributes);
    expect(plan.filters.flatMap((filter) => attributes(filter, plan.names))).toEqual(filterAttributes);
    expect(plan.forward).toBe(false);
  });

  it('fingerprints queries so a cursor only fits its own query', () => {
    const open = planQuery({ status: 'open' });

    expect(planQuery({ status: 'open', limit: 5 }).id).toBe(open.id);
    expect(planQuery({ status: 'open', severity: 'high' }).id).not.toBe(open.id);
    expect(planQuery({ status: 'resolved' }).id).not.toBe(open.id);
  });
});

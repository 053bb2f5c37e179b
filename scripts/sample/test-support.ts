import { fileURLToPath } from 'node:url';
import { defineRule, type Rule } from '../../packages/core/src/index.js';

/** Shared by the generator's tests: a rule whose fixtures (in ./fixtures/rules/) hold every input form. */
export const DEMO_RULES_DIR = fileURLToPath(new URL('./fixtures/rules/', import.meta.url));

export const DEMO_RULE: Rule = defineRule({
  id: 'demo-rule',
  title: 'Demo',
  description: 'Fixture forms for the sample generator tests.',
  category: 'cloudtrail_tampering',
  severity: 'high',
  events: [{ source: 's3.amazonaws.com', names: ['DeleteBucket'] }],
  references: {},
  runbook: 'Nothing to do: a test rule.',
  remediation: [],
  dedupeWindowMinutes: 60,
  match: () => undefined,
});

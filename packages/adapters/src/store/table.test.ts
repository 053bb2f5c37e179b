import { describe, expect, it } from 'vitest';
import { INDEX, INDEX_KEYS, PROJECTED_ATTRIBUTES, projectedAttributes, tableDefinition } from './table.js';

describe('tableDefinition', () => {
  const definition = tableDefinition('trailwarden-findings');

  it('is an on-demand PK/SK table', () => {
    expect(definition).toMatchObject({
      TableName: 'trailwarden-findings',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    });
  });

  it.each(Object.values(INDEX))('defines index %s on its key pair with a projection', (name) => {
    const index = definition.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === name);

    expect(index?.KeySchema?.map((key) => key.AttributeName)).toEqual([...INDEX_KEYS[name]]);
    expect(index?.Projection?.ProjectionType).toBe('INCLUDE');
    // DynamoDB refuses an index that lists its own key attributes as projected non-keys.
    expect(index?.Projection?.NonKeyAttributes).toEqual(projectedAttributes(name));
    for (const key of INDEX_KEYS[name]) expect(index?.Projection?.NonKeyAttributes).not.toContain(key);
  });

  it('declares exactly the key attributes, all strings', () => {
    const declared = definition.AttributeDefinitions?.map((attribute) => attribute.AttributeName).sort();
    const keys = new Set(['PK', 'SK', ...Object.values(INDEX_KEYS).flat()]);

    expect(declared).toEqual([...keys].sort());
    expect(definition.AttributeDefinitions?.every((attribute) => attribute.AttributeType === 'S')).toBe(true);
  });

  it('stays within the 100 projected attributes DynamoDB allows across indexes, without the seen set', () => {
    const total = Object.values(INDEX).reduce((sum, name) => sum + projectedAttributes(name).length, 0);

    expect(total).toBeLessThanOrEqual(100);
    expect(PROJECTED_ATTRIBUTES).not.toContain('seenEvents');
  });
});

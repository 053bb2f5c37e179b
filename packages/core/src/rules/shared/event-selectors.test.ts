import { describe, expect, it } from 'vitest';
import { type SelectorCoverage, selectorCoverage } from './event-selectors.js';

const all = {
  readWriteType: 'All',
  includeManagementEvents: true,
  dataResources: [],
  excludeManagementEventSources: [],
};
const s3Data = { type: 'AWS::S3::Object', values: ['arn:aws:s3:::payments-ledger/'] };
const management = (extra: object[] = []) => ({
  name: 'Management',
  fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, ...extra],
});

const cases: readonly (readonly [string, Record<string, unknown>, SelectorCoverage | undefined])[] = [
  ['no selectors in the record', { trailName: 'management-events' }, undefined],
  [
    'basic: all management events',
    { eventSelectors: [all] },
    { managementWrites: true, managementReads: true, excludedSources: [], dataEvents: false },
  ],
  [
    'basic: defaults log everything',
    { eventSelectors: [{}] },
    { managementWrites: true, managementReads: true, excludedSources: [], dataEvents: false },
  ],
  [
    'basic: read only',
    { eventSelectors: [{ ...all, readWriteType: 'ReadOnly' }] },
    { managementWrites: false, managementReads: true, excludedSources: [], dataEvents: false },
  ],
  [
    'basic: write only',
    { eventSelectors: [{ ...all, readWriteType: 'WriteOnly' }] },
    { managementWrites: true, managementReads: false, excludedSources: [], dataEvents: false },
  ],
  [
    'basic: management off, data on',
    { eventSelectors: [{ ...all, includeManagementEvents: false, dataResources: [s3Data] }] },
    { managementWrites: false, managementReads: false, excludedSources: [], dataEvents: true },
  ],
  [
    'basic: a source excluded by one selector only is still logged',
    { eventSelectors: [{ ...all, excludeManagementEventSources: ['kms.amazonaws.com'] }, all] },
    { managementWrites: true, managementReads: true, excludedSources: [], dataEvents: false },
  ],
  [
    'basic: a source excluded by every selector',
    {
      eventSelectors: [
        { ...all, excludeManagementEventSources: ['rdsdata.amazonaws.com', 'kms.amazonaws.com'] },
        { ...all, readWriteType: 'WriteOnly', excludeManagementEventSources: ['kms.amazonaws.com'] },
      ],
    },
    {
      managementWrites: true,
      managementReads: true,
      excludedSources: ['kms.amazonaws.com'],
      dataEvents: false,
    },
  ],
  [
    'advanced: management, writes only, KMS excluded',
    {
      advancedEventSelectors: [
        management([
          { field: 'readOnly', equals: ['false'] },
          { field: 'eventSource', notEquals: ['kms.amazonaws.com'] },
        ]),
      ],
    },
    {
      managementWrites: true,
      managementReads: false,
      excludedSources: ['kms.amazonaws.com'],
      dataEvents: false,
    },
  ],
  [
    'advanced: data events only',
    {
      advancedEventSelectors: [
        {
          name: 'S3',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
          ],
        },
      ],
    },
    { managementWrites: false, managementReads: false, excludedSources: [], dataEvents: true },
  ],
  [
    'advanced: management and data',
    {
      advancedEventSelectors: [
        management(),
        { name: 'S3', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }] },
      ],
    },
    { managementWrites: true, managementReads: true, excludedSources: [], dataEvents: true },
  ],
];

describe('selectorCoverage', () => {
  it.each(cases)('%s', (_name, bag, expected) => {
    // Act
    const coverage = selectorCoverage(bag);
    // Assess
    expect(coverage).toEqual(expected);
  });
});

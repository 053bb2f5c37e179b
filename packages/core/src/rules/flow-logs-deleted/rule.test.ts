import { describeRuleFixtures } from '@trailwarden/testing';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

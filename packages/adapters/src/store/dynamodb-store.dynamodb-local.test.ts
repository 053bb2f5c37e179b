import { startDynamoDbLocal } from '@trailwarden/testing';
import { describeDynamoDbStoreContract } from './dynamodb-store.contract.js';

// Amazon's DynamoDB Local (Java 17+). Without java this file fails with a message saying so;
// it is never skipped.
describeDynamoDbStoreContract('DynamoDB Local', startDynamoDbLocal);

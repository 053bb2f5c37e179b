import { startDynalite } from '@trailwarden/testing';
import { describeDynamoDbStoreContract } from './dynamodb-store.contract.js';

// dynalite: in process, no transactions, no TTL API — the store must not need either.
describeDynamoDbStoreContract('dynalite', startDynalite);

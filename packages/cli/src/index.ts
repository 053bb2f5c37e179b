export { type AlertChannels, type AlertFlags, openAlertChannels } from './alerts/alert-channels.js';
export * from './errors.js';
export * from './input/index.js';
export { type CliIo, processIo } from './io.js';
export { findingRecord } from './output/finding-record.js';
export { storedFindingRecord } from './output/stored-finding-view.js';
export { buildProgram, runCli } from './program.js';
export { runScan, type ScanRequest, selectRules } from './scan/run-scan.js';
export { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from './store/embedded-dynamodb.js';
export { type OpenedStore, openStore } from './store/open-store.js';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_TABLE,
  describeStore,
  resolveStoreConfig,
  type StoreConfig,
  type StoreFlags,
} from './store/store-config.js';

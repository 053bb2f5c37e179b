export * from './errors.js';
export * from './input/index.js';
export { type CliIo, processIo } from './io.js';
export { findingRecord } from './output/finding-record.js';
export { buildProgram, runCli } from './program.js';
export { runScan, type ScanRequest, selectRules } from './scan/run-scan.js';

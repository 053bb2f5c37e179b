export * from '../events/schemas/index.js';
export { type ActorContext, readActor } from './actor.js';
export { fromCloudTrailRecord, type RecordFallbacks, type RecordOptions } from './cloudtrail.js';
export { fromConfigDetail } from './config-events.js';
export { fromConfigInvocation } from './config-invocation.js';
export { fromEventBridge } from './eventbridge.js';
export { fromLookupEntry } from './lookup-events.js';
export { type NormalizeOptions, normalizeInput } from './normalize-input.js';
export { classifyProvenance, isDeployRoleName, type ProvenanceInput } from './provenance.js';
export { type ArnScope, collectResources, configResourceArn, partitionOf } from './resources.js';
export { splitDocument } from './split-document.js';
export {
  CLI_SDK_USER_AGENT_PREFIXES,
  DEPLOY_USER_AGENT_SIGNALS,
  isCliOrSdkUserAgent,
  isConsoleUserAgent,
  UA_CLI_OR_SDK,
  UA_CONSOLE,
  UA_DEPLOY_TOOL,
  UA_SERVICE_HOST,
  userAgentTraits,
} from './user-agent.js';

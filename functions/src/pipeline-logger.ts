import type { Logger } from '@aws-lambda-powertools/logger';
import type { Logger as PipelineLogger } from '@trailwarden/core/pipeline';

/**
 * The core's `Logger` port on top of Powertools Logger. Powertools takes extra attributes as
 * rest arguments (`...extraInput`), so an optional `data` argument is not directly assignable
 * to it; attributes are passed on as one object.
 *
 * @example
 * await retryUnalerted(store, publisher, { limit: 100, logger: pipelineLogger(logger) });
 */
export function pipelineLogger(logger: Logger): PipelineLogger {
  return {
    info: (message, data) => logger.info(message, { ...data }),
    warn: (message, data) => logger.warn(message, { ...data }),
    error: (message, data) => logger.error(message, { ...data }),
  };
}

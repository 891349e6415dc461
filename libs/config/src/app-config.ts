import { AttachmentsConfig, attachmentsConfig } from './attachments.config';
import { AuthConfig, authConfig } from './auth.config';
import { ConfigConcern } from './config-concern';
import { DatabaseConfig, databaseConfig } from './database.config';
import { DeadlinesConfig, deadlinesConfig } from './deadlines.config';
import { HttpConfig, httpConfig } from './http.config';
import { LeadsConfig, leadsConfig } from './leads.config';
import { LoggingConfig, loggingConfig } from './logging.config';
import { PipelineConfig, pipelineConfig } from './pipeline.config';
import { QueueConfig, queueConfig } from './queue.config';
import { RateLimitsConfig, rateLimitsConfig } from './rate-limits.config';
import { ReferenceConfig, referenceConfig } from './reference.config';
import { RetentionConfig, retentionConfig } from './retention.config';
import { TipsterConfig, tipsterConfig } from './tipster.config';

/** Every concern. The API loads them all; each worker a few (see each app's module). */
export const ALL_CONFIG: readonly ConfigConcern<unknown>[] = [
  databaseConfig,
  queueConfig,
  loggingConfig,
  pipelineConfig,
  referenceConfig,
  leadsConfig,
  deadlinesConfig,
  retentionConfig,
  httpConfig,
  authConfig,
  rateLimitsConfig,
  tipsterConfig,
  attachmentsConfig,
];

/** Every concern at once, for the development tools that start a whole stack (demo, bench). */
export interface AppConfig {
  database: DatabaseConfig;
  queue: QueueConfig;
  logging: LoggingConfig;
  pipeline: PipelineConfig;
  reference: ReferenceConfig;
  leads: LeadsConfig;
  deadlines: DeadlinesConfig;
  retention: RetentionConfig;
  http: HttpConfig;
  auth: AuthConfig;
  rateLimits: RateLimitsConfig;
  tipster: TipsterConfig;
  attachments: AttachmentsConfig;
}

/**
 * Loads and validates every concern. Not for a process: a process loads only its own concerns
 * (AppConfigModule.forRoot), so that a worker needs no API secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    database: databaseConfig.load(env),
    queue: queueConfig.load(env),
    logging: loggingConfig.load(env),
    pipeline: pipelineConfig.load(env),
    reference: referenceConfig.load(env),
    leads: leadsConfig.load(env),
    deadlines: deadlinesConfig.load(env),
    retention: retentionConfig.load(env),
    http: httpConfig.load(env),
    auth: authConfig.load(env),
    rateLimits: rateLimitsConfig.load(env),
    tipster: tipsterConfig.load(env),
    attachments: attachmentsConfig.load(env),
  };
}

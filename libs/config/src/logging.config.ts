import { configConcern } from './config-concern';

export interface LoggingConfig {
  /** pino level. */
  level: string;
}

/** Every process. */
export const loggingConfig = configConcern('logging', (env): LoggingConfig => ({
  level: env.LOG_LEVEL || 'info',
}));

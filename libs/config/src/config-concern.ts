/**
 * One namespace of configuration: the variables of one concern (the database, the queues, the
 * tipster key…), read and validated together. A process loads only the concerns it uses
 * (`AppConfigModule.forRoot`), so a worker is never asked for the JWT secret or the admin
 * password; a class injects the concern it reads:
 *
 *   constructor(@Inject(queueConfig.KEY) private readonly queue: QueueConfig) {}
 */
export interface ConfigConcern<T> {
  readonly name: string;
  /** The injection token of the loaded value. */
  readonly KEY: symbol;
  /** Reads and validates the concern's variables; throws ConfigError on a bad or refused value. */
  load(env?: NodeJS.ProcessEnv): T;
}

export function configConcern<T>(
  name: string,
  read: (env: NodeJS.ProcessEnv) => T,
): ConfigConcern<T> {
  return Object.freeze({
    name,
    KEY: Symbol(`config:${name}`),
    load: (env: NodeJS.ProcessEnv = process.env) => read(env),
  });
}

/** Loads every concern of a process once, so a bad value stops it before anything starts. */
export function checkConfig(concerns: readonly ConfigConcern<unknown>[]): void {
  for (const c of concerns) c.load();
}

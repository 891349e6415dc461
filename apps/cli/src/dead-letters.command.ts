import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { AppConfigModule, databaseConfig, queueConfig } from '@app/config';
import { isQueueName, QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { checkBoot, deadLetterView, OutboxWriter, QueueModule, QueueRegistry } from '@app/dispatch';
import { DeadLetterSelection, DeadLettersService } from './dead-letters.service';

const DEAD_LETTERS_CONFIG = [databaseConfig, queueConfig];
/** The most dead letters `dead-letters` prints (the oldest); it says when more are left. */
const LIST_MAX = 1000;

@Module({})
class DeadLettersModule {
  /**
   * Built when the command runs, not when the file is imported: the data source registered at
   * import time by another command's module would make TypeORM warn of two defaults.
   */
  static forCommand(): DynamicModule {
    return {
      module: DeadLettersModule,
      imports: [
        AppConfigModule.forRoot(DEAD_LETTERS_CONFIG),
        DatabaseModule.forRoot(),
        QueueModule.forQueues(Object.values(QueueName)),
        AuditModule,
      ],
      providers: [QueueRegistry, OutboxWriter, DeadLettersService],
    };
  }
}

export const DEAD_LETTERS_USAGE = `  dead-letters [--queue=Q] [JOB_ID...]
            list the jobs that ran out of attempts (queue, job id, tip, error, attempts), oldest first
  redrive-dead-letters (--all | --queue=Q | JOB_ID...)
            send those jobs again once their cause is mended: each dead letter is deleted and its
            job written to the outbox, with an audit entry (queues: ${Object.values(QueueName).join(', ')})
  discard-dead-letters JOB_ID...
            delete those dead letters without sending their jobs again, each with an audit entry`;

/** The selection the arguments name; a message for arguments that name none. */
export function parseSelection(
  args: string[],
  requireOne: boolean,
): DeadLetterSelection | { error: string } {
  let queue: QueueName | null = null;
  let all = false;
  const jobIds: string[] = [];
  for (const arg of args) {
    if (arg === '--all') all = true;
    else if (arg.startsWith('--queue=')) {
      const name = arg.slice('--queue='.length);
      if (!isQueueName(name))
        return { error: `unknown queue '${name}': one of ${Object.values(QueueName).join(', ')}` };
      queue = name;
    } else if (arg.startsWith('--')) return { error: `unknown option '${arg}'` };
    else jobIds.push(arg);
  }
  if (all && (queue !== null || jobIds.length > 0))
    return { error: '--all takes no queue and no job ids' };
  if (requireOne && !all && queue === null && jobIds.length === 0)
    return { error: 'name the dead letters to send again: --all, --queue=Q or job ids' };
  return { queue, jobIds: jobIds.length ? jobIds : null };
}

/**
 * `dead-letters` lists; `redrive-dead-letters` sends again (DeadLettersService). Prints JSON
 * lines: ids, error names and messages, counts; never a payload.
 */
export async function deadLetters(
  command: 'list' | 'redrive' | 'discard',
  args: string[],
): Promise<number> {
  const selection = parseSelection(args, command !== 'list');
  if ('error' in selection) {
    console.error(selection.error);
    return 2;
  }
  if (command === 'discard' && (selection.queue !== null || selection.jobIds === null)) {
    console.error('name the dead letters to discard by their job ids');
    return 2;
  }
  await checkBoot(DEAD_LETTERS_CONFIG);
  const app = await NestFactory.createApplicationContext(DeadLettersModule.forCommand(), {
    logger: ['error', 'warn'],
  });
  try {
    const service = app.get(DeadLettersService);
    if (command === 'list') {
      const rows = await service.list(selection, LIST_MAX + 1);
      for (const r of rows.slice(0, LIST_MAX)) console.log(JSON.stringify(deadLetterView(r)));
      console.log(
        JSON.stringify({
          msg: 'dead letters',
          count: Math.min(rows.length, LIST_MAX),
          ...(rows.length > LIST_MAX ? { more: true } : {}),
        }),
      );
      return 0;
    }
    if (command === 'discard') {
      const result = await service.discard(selection.jobIds!, 'cli');
      console.log(JSON.stringify({ msg: 'dead letters discarded', ...result }));
      return result.notFound.length ? 1 : 0;
    }
    const result = await service.redrive(selection, 'cli');
    console.log(JSON.stringify({ msg: 'dead letters sent again', ...result }));
    const left = result.unreadable.length + result.busy.length + result.notFound.length;
    return left > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

import { QueueName } from '@app/contracts';
import { parseSelection } from './dead-letters.command';

describe('dead letters: the selection of the command line', () => {
  it('lists everything when nothing is named', () => {
    expect(parseSelection([], false)).toEqual({ queue: null, jobIds: null });
  });

  it('takes a queue, job ids, or --all', () => {
    expect(parseSelection(['--queue=notifications'], true)).toEqual({
      queue: QueueName.Notifications,
      jobIds: null,
    });
    expect(parseSelection(['triage.a', 'linkage.b'], true)).toEqual({
      queue: null,
      jobIds: ['triage.a', 'linkage.b'],
    });
    expect(parseSelection(['--all'], true)).toEqual({ queue: null, jobIds: null });
  });

  it.each([
    [[], 'name the dead letters to send again: --all, --queue=Q or job ids'],
    [
      ['--queue=reports'],
      "unknown queue 'reports': one of triage, linkage, outcomes, notifications",
    ],
    [['--all', '--queue=triage'], '--all takes no queue and no job ids'],
    [['--force'], "unknown option '--force'"],
  ])('refuses a redrive of %j with a message', (args, error) => {
    expect(parseSelection(args, true)).toEqual({ error });
  });
});

import { jobOf, QueueName } from '@app/contracts';
import { QueueProducer } from './job.producer';

const TIP = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';

describe('QueueProducer', () => {
  function producerOf<Q extends QueueName>(queue: Q) {
    const target = { addBulk: jest.fn(() => Promise.resolve([])) };
    const producer = new QueueProducer(queue, target, { attempts: 5 });
    return { producer, target };
  }

  it('adds each job under its deterministic id with the queue defaults', async () => {
    const { producer, target } = producerOf(QueueName.Triage);
    await producer.send([jobOf(QueueName.Triage, TIP)]);
    expect(target.addBulk).toHaveBeenCalledWith([
      { name: 'triage', data: { v: 1, tipId: TIP }, opts: { attempts: 5, jobId: `triage.${TIP}` } },
    ]);
  });

  it('sends nothing for no jobs', async () => {
    const { producer, target } = producerOf(QueueName.Linkage);
    await producer.send([]);
    expect(target.addBulk).not.toHaveBeenCalled();
  });

  it('refuses a job of another queue that reached it untyped', async () => {
    const { producer, target } = producerOf<QueueName>(QueueName.Linkage);
    await expect(producer.send([jobOf(QueueName.Outcomes, CASE, '1')])).rejects.toThrow(
      'a outcomes job sent to linkage',
    );
    expect(target.addBulk).not.toHaveBeenCalled();
  });

  it('does not compile a job of another queue', () => {
    const { producer } = producerOf(QueueName.Triage);
    // @ts-expect-error an outcome job cannot be sent to the triage queue
    const send = () => producer.send([jobOf(QueueName.Outcomes, CASE, '1')]);
    expect(send).toBeInstanceOf(Function);
  });
});

import { QueueName } from '@app/contracts';
import { readJobs } from './outbox.relay';

const TIP = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';

describe('readJobs (outbox rows to jobs)', () => {
  it('groups rows by queue in order, each payload narrowed to its queue', () => {
    const { byQueue, unreadable } = readJobs([
      { queue: 'triage', job_id: `triage.${TIP}`, payload: { v: 1, tipId: TIP } },
      { queue: 'outcomes', job_id: `outcomes.${CASE}.3`, payload: { v: 1, caseId: CASE } },
      { queue: 'triage', job_id: `triage.${CASE}`, payload: { v: 1, tipId: CASE } },
    ]);
    expect(unreadable).toEqual([]);
    expect(byQueue.get(QueueName.Triage)?.map((j) => j.id)).toEqual([
      `triage.${TIP}`,
      `triage.${CASE}`,
    ]);
    expect(byQueue.get(QueueName.Outcomes)).toEqual([
      { queue: 'outcomes', id: `outcomes.${CASE}.3`, data: { v: 1, caseId: CASE } },
    ]);
  });

  it('sets apart a row of an unknown queue or with another queue’s payload', () => {
    const { byQueue, unreadable } = readJobs([
      { queue: 'nowhere', job_id: 'nowhere.1', payload: { v: 1, tipId: TIP } },
      { queue: 'linkage', job_id: `linkage.${CASE}`, payload: { v: 1, caseId: CASE } },
      { queue: 'linkage', job_id: `linkage.${TIP}`, payload: { v: 1, tipId: TIP } },
    ]);
    expect(unreadable.map((r) => r.jobId)).toEqual(['nowhere.1', `linkage.${CASE}`]);
    expect(byQueue.get(QueueName.Linkage)?.map((j) => j.id)).toEqual([`linkage.${TIP}`]);
  });
});

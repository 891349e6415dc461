import {
  CaseOutcomeJob,
  isQueueName,
  jobId,
  jobIdSql,
  jobFromId,
  jobOf,
  notificationKey,
  parseJob,
  QueueJob,
  QueueName,
  TipStageJob,
} from './queues';

const TIP = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';

describe('jobs of a queue', () => {
  it('names a stage job by queue and tip, an outcome job by case and case event', () => {
    expect(jobId(QueueName.Triage, TIP)).toBe(`triage.${TIP}`);
    expect(jobId(QueueName.Linkage, TIP)).toBe(`linkage.${TIP}`);
    expect(jobId(QueueName.Outcomes, CASE, '42')).toBe(`outcomes.${CASE}.42`);
  });

  it('builds the payload and the id from the same key (ids and a version only)', () => {
    expect(jobOf(QueueName.Triage, TIP)).toEqual({
      queue: QueueName.Triage,
      id: `triage.${TIP}`,
      data: { v: 1, tipId: TIP },
    });
    expect(jobOf(QueueName.Outcomes, CASE, '7')).toEqual({
      queue: QueueName.Outcomes,
      id: `outcomes.${CASE}.7`,
      data: { v: 1, caseId: CASE },
    });
  });

  it('gives the same job for the same key, so a re-sent job is the same job', () => {
    expect(jobOf(QueueName.Linkage, TIP)).toEqual(jobOf(QueueName.Linkage, TIP));
  });

  it('writes the SQL that computes the same id from column expressions', () => {
    expect(jobIdSql(QueueName.Triage, 't.id')).toBe(`('triage.' || (t.id)::text)`);
    expect(jobIdSql(QueueName.Outcomes, 'r.case_id', 'r.last_event')).toBe(
      `('outcomes.' || (r.case_id)::text || '.' || (r.last_event)::text)`,
    );
  });

  it('narrows outbox data to the payload of its queue, and refuses another queue’s payload', () => {
    const stage: TipStageJob = parseJob(QueueName.Triage, { v: 1, tipId: TIP });
    const outcome: CaseOutcomeJob = parseJob(QueueName.Outcomes, { v: 1, caseId: CASE });
    expect(stage).toEqual({ v: 1, tipId: TIP });
    expect(outcome).toEqual({ v: 1, caseId: CASE });
    expect(() => parseJob(QueueName.Triage, { v: 1, caseId: CASE })).toThrow();
    expect(() => parseJob(QueueName.Outcomes, { v: 1, tipId: TIP })).toThrow();
    expect(() => parseJob(QueueName.Linkage, { v: 2, tipId: TIP })).toThrow();
  });

  it('knows its queue names', () => {
    expect(isQueueName('triage')).toBe(true);
    expect(isQueueName('triage ')).toBe(false);
  });

  it('does not compile a wrong payload or key for a queue (checked by `npm run check`)', () => {
    const wrong: unknown[] = [
      // @ts-expect-error an outcome job needs the case event as well
      jobOf(QueueName.Outcomes, CASE),
      // @ts-expect-error a stage job is keyed by one tip
      jobOf(QueueName.Triage, TIP, '1'),
    ];
    const triage: QueueJob<QueueName.Triage> = {
      queue: QueueName.Triage,
      id: 'x',
      // @ts-expect-error a triage job carries a tip, not a case
      data: { v: 1, caseId: CASE },
    };
    // @ts-expect-error an outcome job is no triage job
    const misplaced: QueueJob<QueueName.Triage> = jobOf(QueueName.Outcomes, CASE, '1');
    expect([...wrong, triage, misplaced]).toHaveLength(4);
  });
});

const LEAD = '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';

describe('notification jobs', () => {
  it('accepts ids, a known type and a ref, and names the event by them', () => {
    const job = parseJob(QueueName.Notifications, {
      v: 1,
      type: 'urgent_lead',
      entityId: LEAD,
      ref: LEAD,
    });
    expect(job).toEqual({ v: 1, type: 'urgent_lead', entityId: LEAD, ref: LEAD });
    expect(notificationKey(job)).toBe(`notifications.urgent_lead.${LEAD}.${LEAD}`);
    expect(
      parseJob(QueueName.Notifications, {
        v: 1,
        type: 'deadline_missed',
        entityId: LEAD,
        ref: '1767225600000',
      }).ref,
    ).toBe('1767225600000');
  });

  it.each([
    ['no version', { type: 'urgent_lead', entityId: LEAD, ref: LEAD }],
    ['unknown type', { v: 1, type: 'tip_text', entityId: LEAD, ref: LEAD }],
    ['not an id', { v: 1, type: 'urgent_lead', entityId: 'x', ref: LEAD }],
    ['text as ref', { v: 1, type: 'tipster_replied', entityId: LEAD, ref: 'có người cầm dao' }],
    ['null', null],
  ])('refuses %s', (_name, data) => {
    expect(() => parseJob(QueueName.Notifications, data)).toThrow(
      'invalid notification job payload',
    );
  });
});

describe('a job read back from its id (a dead letter sent again)', () => {
  const MESSAGE = '33333333-3333-4333-8333-333333333333';

  it('gives back the job of every queue, payload and id', () => {
    for (const job of [
      jobOf(QueueName.Triage, TIP),
      jobOf(QueueName.Linkage, TIP),
      jobOf(QueueName.Outcomes, CASE, '42'),
      jobOf(QueueName.Notifications, 'tipster_replied', TIP, MESSAGE),
      jobOf(QueueName.Notifications, 'deadline_missed', TIP, '1700000000000'),
    ])
      expect(jobFromId(job.id)).toEqual(job);
  });

  it.each([
    ['an unknown queue', `reports.${TIP}`],
    ['a key part missing', `outcomes.${CASE}`],
    ['a key part too many', `triage.${TIP}.1`],
    ['a tip id that is no UUID', 'triage.42'],
    ['a case event that is no id', `outcomes.${CASE}.abc`],
    ['an unknown notification type', `notifications.tip_read.${TIP}.1`],
    ['a notification ref that is no id', `notifications.urgent_lead.${TIP}.x y`],
    ['an id of a payload that was no job (the relay dead-letters those)', 'triage.[object Object]'],
    ['nothing', ''],
  ])('answers null for %s', (_, id) => {
    expect(jobFromId(id)).toBeNull();
  });
});

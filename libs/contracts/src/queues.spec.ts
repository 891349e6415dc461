import { notificationKey, parseNotificationJob } from './queues';

const LEAD = '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';

describe('notification jobs', () => {
  it('accepts ids, a known type and a ref, and names the event by them', () => {
    const job = parseNotificationJob({ v: 1, type: 'urgent_lead', entityId: LEAD, ref: LEAD });
    expect(job).toEqual({ v: 1, type: 'urgent_lead', entityId: LEAD, ref: LEAD });
    expect(notificationKey(job)).toBe(`notifications.urgent_lead.${LEAD}.${LEAD}`);
    expect(
      parseNotificationJob({ v: 1, type: 'deadline_missed', entityId: LEAD, ref: '1767225600000' })
        .ref,
    ).toBe('1767225600000');
  });

  it.each([
    ['no version', { type: 'urgent_lead', entityId: LEAD, ref: LEAD }],
    ['unknown type', { v: 1, type: 'tip_text', entityId: LEAD, ref: LEAD }],
    ['not an id', { v: 1, type: 'urgent_lead', entityId: 'x', ref: LEAD }],
    ['text as ref', { v: 1, type: 'tipster_replied', entityId: LEAD, ref: 'có người cầm dao' }],
    ['null', null],
  ])('refuses %s', (_name, data) => {
    expect(() => parseNotificationJob(data)).toThrow('invalid notification job payload');
  });
});

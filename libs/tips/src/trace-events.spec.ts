import { traceEvents } from './tip-query.service';

const at = (iso: string) => new Date(iso);

describe('trace events', () => {
  const stored = [
    {
      at: at('2023-12-25T13:00:00Z'),
      type: 'received',
      actor: 'sup',
      detail: { channel: 'hotline', imported: true },
    },
    { at: at('2026-03-01T08:00:05Z'), type: 'triaged', actor: 'triage', detail: { priority: 40 } },
    { at: at('2023-12-26T02:00:00Z'), type: 'arrest_recorded', actor: 'inv', detail: {} },
    { at: at('2026-03-01T08:00:05Z'), type: 'lead_opened', actor: 'linkage', detail: {} },
  ];

  it('reads oldest first, ties in the order written', () => {
    const events = traceEvents(stored, null);
    expect(events.map((e) => e.type)).toEqual([
      'received',
      'arrest_recorded',
      'triaged',
      'lead_opened',
    ]);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
  });

  it("places an imported tip's import at its time, by the importer, before what happened then", () => {
    const events = traceEvents(stored, {
      at: at('2026-03-01T08:00:05Z'),
      externalRef: 'Q4-2023-17',
    });
    expect(events.map((e) => e.type)).toEqual([
      'received',
      'arrest_recorded',
      'imported',
      'triaged',
      'lead_opened',
    ]);
    const imported = events[2];
    expect(imported).toMatchObject({
      at: '2026-03-01T08:00:05.000Z',
      actor: 'sup',
      detail: { externalRef: 'Q4-2023-17' },
    });
    expect(imported.text.en).toBe('Imported from an earlier register (record Q4-2023-17)');
    expect(events[0].text.en).toBe('Tip received in an earlier register by hotline');
  });
});

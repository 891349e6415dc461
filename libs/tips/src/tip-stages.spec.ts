import { TIP_STAGES } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { mayMove, TIP_STAGE_FROM, tipStageUpdate } from './tip-stages';

describe('the tip stage machine', () => {
  it('names every stage, and only stages, on both sides', () => {
    expect(Object.keys(TIP_STAGE_FROM).sort()).toEqual([...TIP_STAGES].sort());
    for (const from of Object.values(TIP_STAGE_FROM))
      for (const s of from) expect(TIP_STAGES).toContain(s);
  });

  it('never moves a tip back to received, nor a decided one onto a lead without a person', () => {
    for (const s of TIP_STAGES) expect(mayMove(s, 'received')).toBe(false);
    expect(mayMove('rejected', 'lead_open')).toBe(false);
    expect(mayMove('needs_review', 'lead_claimed')).toBe(false);
    expect(mayMove('linked', 'dismissed')).toBe(false);
    expect(mayMove('rejected', 'triaged')).toBe(true);
    expect(mayMove('dismissed', 'lead_open')).toBe(true);
  });

  it('guards the statement with the stages the new one may follow', () => {
    const batch = new SqlBatch();
    tipStageUpdate(batch, { to: 'rejected', where: 't.id = $9' });
    const sql = (batch as unknown as { parts: { sql: string }[] }).parts[0].sql;
    expect(sql).toContain('stage = $1::text');
    expect(sql).toContain('t.stage = ANY($2::text[])');
    const values = (batch as unknown as { values: unknown[] }).values;
    expect(values).toEqual(['rejected', ['received', 'needs_review']]);
  });
});

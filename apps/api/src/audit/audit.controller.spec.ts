import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuditListQuery } from './audit.controller';

async function fields(query: object): Promise<string[]> {
  const errors = await validate(plainToInstance(AuditListQuery, query));
  return errors.map((e) => e.property).sort();
}

describe('AuditListQuery', () => {
  it('accepts ordinary filters', async () => {
    expect(await fields({})).toEqual([]);
    expect(await fields({ actor: 'Nguyễn Văn A', entityId: "x' OR '1'='1", limit: '10' })).toEqual(
      [],
    );
  });

  it('refuses control characters in free-text filters (PostgreSQL cannot hold NUL)', async () => {
    expect(await fields({ actor: 'a\u0000b', entityId: '\u0000' })).toEqual(['actor', 'entityId']);
    expect(await fields({ actor: 'esc\u001b[31m' })).toEqual(['actor']);
  });
});

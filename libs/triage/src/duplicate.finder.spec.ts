import type { EntityManager } from 'typeorm';
import type { ReferenceConfig } from '@app/config';
import { DUPLICATE_RULES, DuplicateFinder, isDuplicateEvidence } from './duplicate.finder';

describe('isDuplicateEvidence', () => {
  it('takes largely the same wording on its own', () => {
    expect(isDuplicateEvidence(DUPLICATE_RULES.textOnly, [], false)).toBe(true);
    expect(isDuplicateEvidence(DUPLICATE_RULES.textOnly - 0.01, [], false)).toBe(false);
  });

  it('does not take similar wording at two different addresses', () => {
    expect(isDuplicateEvidence(0.9, [], true)).toBe(false);
  });

  it('takes a shared phone, plate or address with a little common wording', () => {
    const shared = ['address 45 khanh hoi'];
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedEntity, shared, false)).toBe(true);
    // Another address mentioned as well does not outweigh a shared one.
    expect(isDuplicateEvidence(0.3, ['plate 59X123456'], true)).toBe(true);
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedEntity - 0.01, shared, false)).toBe(false);
  });
});

describe('isDuplicateEvidence: places, people and streets', () => {
  it('takes a shared named place or person with some common wording', () => {
    const place = ['landmark cho xom chieu'];
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedPlace, place, false)).toBe(true);
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedPlace - 0.01, place, false)).toBe(false);
    expect(isDuplicateEvidence(0.3, ['person teo'], false)).toBe(true);
  });

  it('asks more of a street alone, and less than of text alone', () => {
    const street = ['street ton dan'];
    expect(DUPLICATE_RULES.withSharedStreet).toBeGreaterThan(DUPLICATE_RULES.withSharedPlace);
    expect(DUPLICATE_RULES.withSharedStreet).toBeLessThan(DUPLICATE_RULES.textOnly);
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedStreet, street, false)).toBe(true);
    expect(isDuplicateEvidence(DUPLICATE_RULES.withSharedStreet - 0.01, street, false)).toBe(false);
  });

  it('takes no place, person or street when the tips place their events apart', () => {
    expect(isDuplicateEvidence(0.5, ['landmark cho xom chieu'], true)).toBe(false);
    expect(isDuplicateEvidence(0.5, ['street ton dan', 'person teo'], true)).toBe(false);
    // A shared house, plate or phone still outweighs it.
    expect(isDuplicateEvidence(0.2, ['address 12 xom chieu', 'street xom chieu'], true)).toBe(true);
  });
});

describe('DuplicateFinder: which wards it searches', () => {
  const wardsSearched = async (finder: DuplicateFinder, neighbourWards?: string[]) => {
    const query = jest.fn().mockResolvedValue([]);
    await finder.find(
      { query } as unknown as EntityManager,
      { id: 't1', ward: 'Phường 4', receivedAt: new Date(), category: 'theft', neighbourWards },
      'trom xe',
      { phones: [], plates: [], addresses: [] },
      48,
    );
    // The batch's search takes its tips as JSON: the tip's ward and the neighbours searched.
    const [q] = JSON.parse((query.mock.calls[0] as [string, string[]])[1][0]) as {
      ward: string;
      neighbours: string[];
    }[];
    return [q.ward, ...q.neighbours];
  };
  const config = {
    neighbours: { 'Phường 4': ['Phường 3', 'Phường 15'] },
  } as unknown as ReferenceConfig;

  it("searches the tip's ward and the neighbours the configuration lists", async () => {
    expect(await wardsSearched(new DuplicateFinder(config))).toEqual([
      'Phường 4',
      'Phường 3',
      'Phường 15',
    ]);
  });

  it('searches the wards the caller gives instead, or the ward alone', async () => {
    expect(await wardsSearched(new DuplicateFinder(config), ['Phường 8'])).toEqual([
      'Phường 4',
      'Phường 8',
    ]);
    expect(await wardsSearched(new DuplicateFinder(config), [])).toEqual(['Phường 4']);
    expect(await wardsSearched(new DuplicateFinder())).toEqual(['Phường 4']);
  });
});

import { DUPLICATE_RULES, isDuplicateEvidence } from './duplicate.finder';

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

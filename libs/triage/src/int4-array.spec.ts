import { int4ArrayFromSend } from './duplicates.repository';

// array_send(ARRAY[1, -2, 3]::int4[]) and array_send('{}'::int4[]), as PostgreSQL 15 answers.
const hex = (h: string) => Buffer.from(h, 'hex');

describe('int4ArrayFromSend', () => {
  it('reads PostgreSQL binary int4[], negatives and the empty array included', () => {
    expect(
      Array.from(
        int4ArrayFromSend(
          hex(
            '0000000100000000000000170000000300000001000000040000000100000004fffffffe0000000400000003',
          ),
        ),
      ),
    ).toEqual([1, -2, 3]);
    expect(int4ArrayFromSend(hex('000000000000000000000017'))).toHaveLength(0);
    expect(int4ArrayFromSend(null)).toHaveLength(0);
  });

  it('refuses what is not a one-dimensional int4[] without nulls', () => {
    // array_send(ARRAY[1, NULL]::int4[]): the null flag is set.
    expect(() =>
      int4ArrayFromSend(hex('00000001000000010000001700000002000000010000000400000001ffffffff')),
    ).toThrow('one-dimensional int4[]');
  });
});

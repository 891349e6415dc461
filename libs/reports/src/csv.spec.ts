import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvField('Phường 1')).toBe('Phường 1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

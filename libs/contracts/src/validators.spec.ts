import { validateSync } from 'class-validator';
import { NoControlCharacters } from './validators';

class Named {
  @NoControlCharacters()
  name?: unknown;
}

const errors = (name: unknown) => {
  const n = new Named();
  n.name = name;
  return validateSync(n).flatMap((e) => Object.values(e.constraints ?? {}));
};

describe('NoControlCharacters', () => {
  it.each(['anh.nguyen', 'Nguyễn Văn An', '', 'a b'])('takes %j', (v) => {
    expect(errors(v)).toEqual([]);
  });

  it.each(['a\u0000b', 'tab\there', 'line\nbreak', '\u001f', 'del\u007f'])('refuses %j', (v) => {
    expect(errors(v)).toEqual(['name must not hold control characters']);
  });

  it('leaves other types to the type validators', () => {
    expect(errors(42)).toEqual([]);
  });
});

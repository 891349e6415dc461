import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { LoginDto } from './login.dto';

async function fields(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(LoginDto, body));
  return errors.map((e) => e.property);
}

describe('LoginDto', () => {
  it('accepts any printable username, Unicode included', async () => {
    expect(await fields({ username: 'operator1', password: 'x' })).toEqual([]);
    expect(await fields({ username: 'Nguyễn Văn A', password: 'x' })).toEqual([]);
  });

  it('refuses control characters in the username (NUL cannot be looked up)', async () => {
    for (const username of ['a\u0000b', '\u0000', 'tab\there', 'esc\u001b[31m', 'del\u007f']) {
      expect(await fields({ username, password: 'x' })).toEqual(['username']);
    }
  });
});

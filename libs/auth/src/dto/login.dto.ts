import { IsString, Length, Matches } from 'class-validator';

export class LoginDto {
  // No account name holds a control character, and PostgreSQL cannot compare a NUL (it was a 500).
  @IsString()
  @Length(1, 64)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'username must not hold control characters' })
  username: string;

  // Bounded so a huge "password" cannot buy an expensive hash; never echoed in errors.
  @IsString()
  @Length(1, 1024)
  password: string;
}

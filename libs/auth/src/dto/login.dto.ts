import { IsOptional, IsString, Length } from 'class-validator';
import { NoControlCharacters } from '@app/contracts';

export class LoginDto {
  // No account name holds a control character, and PostgreSQL cannot compare a NUL (it was a 500).
  @IsString()
  @Length(1, 64)
  @NoControlCharacters()
  username: string;

  // Bounded so a huge "password" cannot buy an expensive hash; never echoed in errors.
  @IsString()
  @Length(1, 1024)
  password: string;

  /** The authenticator app's current code, for an account with two-factor login on. */
  @IsOptional()
  @IsString()
  @Length(1, 32)
  otp?: string;
}

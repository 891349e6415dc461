import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NoControlCharacters } from '@app/contracts';
import { ROLES } from '../roles.decorator';
import type { Role } from '../roles.decorator';
import { NewPassword } from './password.rule';

export class CreateUserDto {
  @IsString()
  @Length(3, 64)
  @Matches(/^[a-z0-9._-]+$/, {
    message: 'username may hold only lower-case letters, digits, dot, underscore and hyphen',
  })
  username: string;

  @NewPassword()
  password: string;

  @IsIn(ROLES)
  role: Role;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoControlCharacters()
  displayName?: string;
}

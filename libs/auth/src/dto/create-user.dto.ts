import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NoControlCharacters } from '@app/contracts';
import { ROLES } from '../roles.decorator';
import type { Role } from '../roles.decorator';

export class CreateUserDto {
  @IsString()
  @Length(3, 64)
  @Matches(/^[a-z0-9._-]+$/, {
    message: 'username may hold only lower-case letters, digits, dot, underscore and hyphen',
  })
  username: string;

  @IsString()
  @Length(10, 1024, { message: 'password must be 10 to 1024 characters long' })
  password: string;

  @IsIn(ROLES)
  role: Role;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoControlCharacters()
  displayName?: string;
}

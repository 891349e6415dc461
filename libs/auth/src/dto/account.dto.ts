import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NoControlCharacters } from '@app/contracts';
import { ROLES } from '../roles.decorator';
import type { Role } from '../roles.decorator';
import { NewPassword, PASSWORD_MAX } from './password.rule';

/** An admin's change to an account; a field left out stays as it is. */
export class UpdateUserDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoControlCharacters()
  displayName?: string | null;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, PASSWORD_MAX)
  currentPassword: string;

  @NewPassword()
  newPassword: string;
}

export class ResetPasswordDto {
  @NewPassword()
  newPassword: string;
}

export class ConfirmMfaDto {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code: string;
}

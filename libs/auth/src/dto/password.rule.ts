import { IsString, Length } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

/**
 * The one strength rule of every new password (creation, change, reset): 10 to 1024 characters.
 * Bounded so a huge "password" cannot buy an expensive hash; never echoed in errors.
 */
export const NewPassword = () =>
  applyDecorators(
    IsString(),
    Length(PASSWORD_MIN, PASSWORD_MAX, {
      message: `$property must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`,
    }),
  );

import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ROLES } from '@app/auth';
import type { Role } from '@app/auth';
import { ID, TEXT_OR_NULL } from './common.schemas';

@ApiSchema({ name: 'LoginResult' })
export class LoginResultSchema {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @ApiProperty({ type: 'integer', description: 'Seconds.' })
  expiresIn: number;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiPropertyOptional({
    type: 'boolean',
    description:
      'Present when an admin reset the password: every route but `POST /api/users/me/password` ' +
      '(and `GET /api/users/me`) answers 403 until it is changed.',
  })
  mustChangePassword?: true;

  @ApiPropertyOptional({
    type: 'boolean',
    description:
      'Present when the role must turn on two-factor login first (production: supervisor, ' +
      'admin): only `GET /api/users/me`, the password change and the enrolment routes answer.',
  })
  mfaEnrolmentRequired?: true;
}

@ApiSchema({ name: 'User', description: 'Never a password hash, a secret or the lock state.' })
export class UserSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty(TEXT_OR_NULL)
  displayName: string | null;

  @ApiProperty({ description: 'A disabled account cannot log in and its tokens are refused.' })
  disabled: boolean;

  @ApiProperty({ description: 'Two-factor login (TOTP) is on.' })
  mfaEnabled: boolean;
}

@ApiSchema({ name: 'Me', description: 'The caller, with what it must do before anything else.' })
export class MeSchema extends UserSchema {
  @ApiProperty({ description: 'An admin reset the password: change it first.' })
  mustChangePassword: boolean;

  @ApiProperty({ description: 'The role must turn on two-factor login first (production).' })
  mfaEnrolmentRequired: boolean;
}

@ApiSchema({ name: 'UserList' })
export class UserListSchema {
  @ApiProperty({ type: [UserSchema] })
  items: UserSchema[];
}

@ApiSchema({
  name: 'MfaEnrolment',
  description: 'Shown once: the secret is stored encrypted and never returned again.',
})
export class MfaEnrolmentSchema {
  @ApiProperty({ description: 'The TOTP secret, base32 (RFC 4648), 160 bits.' })
  secret: string;

  @ApiProperty({
    description: '`otpauth://totp/TipTrace:<username>?secret=…&algorithm=SHA1&digits=6&period=30`',
  })
  otpauthUri: string;
}

import { ApiProperty, ApiSchema } from '@nestjs/swagger';
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
}

@ApiSchema({ name: 'User', description: 'Never a password hash or the lock state.' })
export class UserSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty(TEXT_OR_NULL)
  displayName: string | null;
}

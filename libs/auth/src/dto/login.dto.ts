import { IsString, Length } from 'class-validator';

export class LoginDto {
  @IsString()
  @Length(1, 64)
  username: string;

  // Bounded so a huge "password" cannot buy an expensive hash; never echoed in errors.
  @IsString()
  @Length(1, 1024)
  password: string;
}

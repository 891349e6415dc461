import { IsString, Length } from 'class-validator';
import { IsCleanText } from '@app/contracts';

export class SendMessageDto {
  @IsString()
  @Length(1, 2000, { message: 'body must be 1 to 2000 characters' })
  @IsCleanText()
  body: string;
}

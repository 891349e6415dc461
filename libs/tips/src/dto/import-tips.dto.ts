import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsPastIsoTime } from '@app/contracts';
import { CreateTipDto } from './create-tip.dto';

/** One historical record from a district's earlier register. */
export class ImportTipDto extends CreateTipDto {
  @IsPastIsoTime()
  receivedAt: string;

  @IsString()
  @Length(1, 100)
  @Matches(/^[\w.:/-]+$/, { message: 'externalRef may hold letters, digits and _ . : / -' })
  externalRef: string;
}

export class ImportTipsDto {
  @IsArray({ message: 'tips must be an array' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'each tip must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ImportTipDto)
  tips: ImportTipDto[];
}

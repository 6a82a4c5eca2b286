import { IntField, TextField } from '@app/http';
import { EVIDENCE_MEDIA_TYPES } from '@app/storage';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

const Sha256Field = () =>
  applyDecorators(
    ApiProperty({ type: String, pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 of the whole file, 64 hex characters' }),
    IsString(),
    Matches(/^[0-9a-f]{64}$/i, { message: '$property must be 64 hex characters' }),
  );

export class CreateUploadDto {
  @TextField(1, 255, { description: 'the file name as the uploader knows it; shown and offered on download only' })
  fileName: string;

  @TextField(1, 255, { description: `declared media type, one of ${Object.keys(EVIDENCE_MEDIA_TYPES).join(', ')}`, example: 'video/mp4' })
  contentType: string;

  @IntField(1, Number.MAX_SAFE_INTEGER, { description: 'bytes' })
  size: number;

  @Sha256Field()
  sha256: string;

  @TextField(1, 2000, { optional: true })
  description?: string;
}

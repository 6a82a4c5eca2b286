import { IntField, NestedArrayField, TextField } from '@app/http';
import { ApiSchema } from '@nestjs/swagger';
import { MAX_PARTS } from '../upload-plan';

@ApiSchema({ name: 'UploadedPart' })
export class UploadedPartDto {
  @IntField(1, MAX_PARTS) partNumber: number;
  @TextField(1, 1024, { description: 'the ETag storage answered to the part PUT' }) etag: string;
}

export class CompleteUploadDto {
  @NestedArrayField(() => UploadedPartDto, MAX_PARTS, {
    optional: true,
    description: 'multipart uploads: every part sent; may be left out where the storage can list parts',
  })
  parts?: UploadedPartDto[];
}

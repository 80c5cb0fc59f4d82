import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CaseIdParams } from '../../cases/dto/case.dto';
import { REQUEST_TYPES, type RequestType } from '../../../workflows/case/case.types';
import { ChecklistSlotDto } from '../../reference/request-types/dto/request-type.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The text fields of the multipart upload (the file itself is the `file` part). */
export class UploadDocumentRequestDto {
  @ApiProperty({
    example: 'REQUEST_LETTER',
    description: 'The checklist slot of the case’s request type the document satisfies',
  })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Z][A-Z0-9_]*$/, {
    message: 'slot must be a checklist slot code, e.g. REQUEST_LETTER',
    context: {
      fa: 'فیلد «slot» باید کد یکی از مدارک فهرست باشد، مثلاً REQUEST_LETTER.',
      en: 'slot must be a checklist slot code, e.g. REQUEST_LETTER',
    },
  })
  slot!: string;
}

export class CaseDocumentParams extends CaseIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(UUID, {
    message: 'documentId must be a UUID',
    context: { fa: 'شناسه مدرک باید UUID باشد.', en: 'documentId must be a UUID' },
  })
  documentId!: string;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'REQUEST_LETTER' }) slot!: string;
  @ApiProperty({ example: 'نامه درخواست.pdf', description: 'The client’s name, sanitised' })
  fileName!: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) contentType!: string;
  @ApiProperty({ example: 48213 }) sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, lower-case hex', example: 'e3b0c442…' })
  sha256!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ example: '1405/09/05 07:22' }) uploadedAtJalali!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The later upload to the same slot that replaced this one; null while current',
  })
  supersededBy!: string | null;
}

export class ChecklistStatusDto extends ChecklistSlotDto {
  @ApiProperty({ description: 'A current (not superseded) document fills the slot' })
  satisfied!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'That document' })
  documentId!: string | null;
}

export class CaseDocumentsDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: RequestType;
  @ApiProperty({ description: 'Every required slot is satisfied' }) complete!: boolean;
  @ApiProperty({ type: [ChecklistStatusDto] }) checklist!: ChecklistStatusDto[];
  @ApiProperty({ type: [DocumentDto], description: 'Newest first, superseded ones included' })
  documents!: DocumentDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { formatJalali } from '../../common/jalali';
import { AUDIT_OUTCOMES, type AuditChainRow, type AuditOutcome } from '../audit-chain';
import type { AuditPage, AuditVerification } from '../audit.service';

export class AuditEntryDto {
  @ApiProperty({ example: 42 }) seq!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: '1405/09/05 07:22' }) occurredAtJalali!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ type: [String], example: ['OPERATOR'] }) actorRoles!: string[];
  @ApiProperty({ example: 'case.read' }) action!: string;
  @ApiProperty({ example: 'case' }) resourceType!: string;
  @ApiProperty({ nullable: true, type: String }) resourceId!: string | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) status!: number | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and codes only' })
  details!: Record<string, unknown>;
  @ApiProperty({ description: 'Hash of the row before (64 zeros for the first row)' })
  prevHash!: string;
  @ApiProperty({ description: 'sha256 of prevHash and the canonical JSON of this row' })
  hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' }) items!: AuditEntryDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'beforeSeq of the next page; null on the last',
  })
  nextBeforeSeq!: number | null;
}

export class AuditChainBreakDto {
  @ApiProperty({ description: 'The first row that does not verify' }) seq!: number;
  @ApiProperty({
    enum: ['hash-mismatch', 'chain-broken', 'gap'],
    description:
      'hash-mismatch: the row was changed; chain-broken: it no longer links to the row before; ' +
      'gap: the row(s) before it were deleted',
  })
  reason!: 'hash-mismatch' | 'chain-broken' | 'gap';
}

export class AuditVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() checkedRows!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The last row that verified' })
  lastSeq!: number | null;
  @ApiPropertyOptional({ type: AuditChainBreakDto }) firstBroken?: AuditChainBreakDto;
}

export function toAuditEntryDto(row: AuditChainRow): AuditEntryDto {
  return { ...row, occurredAtJalali: formatJalali(row.occurredAt) };
}

export function toAuditPageDto(page: AuditPage): AuditPageDto {
  return { items: page.items.map(toAuditEntryDto), nextBeforeSeq: page.nextBeforeSeq };
}

export function toAuditVerificationDto(result: AuditVerification): AuditVerificationDto {
  return { ...result };
}

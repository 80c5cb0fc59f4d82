import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryInteger } from './decorators';

/**
 * `limit` and `offset` of a list endpoint's query, validated the same way everywhere; a list's
 * query DTO extends `PageQuery(maximum, default)`.
 */
export function PageQuery(maximum: number, defaultLimit: number) {
  class PageQueryDto {
    @ApiPropertyOptional({ default: defaultLimit, minimum: 1, maximum })
    @IsOptional()
    @QueryInteger(1, maximum)
    limit?: number;

    @ApiPropertyOptional({ default: 0, minimum: 0 })
    @IsOptional()
    @QueryInteger(0, 1_000_000)
    offset?: number;
  }
  return PageQueryDto;
}

/** `@Transform` for a boolean query parameter: `true`/`false` as text; anything else is refused. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  getMetadataStorage,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ArrayOfObjects,
  IsOptionalOrNull,
  IsStringOfLength,
  NormalizePersianText,
  PersianText,
  QueryInteger,
} from './decorators';

class ItemDto {
  @IsString()
  name!: string;
}

/** Each stack written out in full, as the DTOs had them. */
class WrittenOut {
  @NormalizePersianText()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @IsOptional()
  @NormalizePersianText()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(64)
  province!: string;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  email?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

class Composed {
  @PersianText({ min: 3, max: 500 })
  reason!: string;

  @IsOptional()
  @PersianText({ max: 2000 })
  note?: string;

  @IsStringOfLength({ min: 2, max: 64 })
  province!: string;

  @IsOptionalOrNull()
  @IsString()
  email?: string | null;

  @ArrayOfObjects(() => ItemDto, { min: 1, max: 50 })
  items!: ItemDto[];

  @IsOptional()
  @QueryInteger(0, 1_000_000)
  offset?: number;
}

/** The rules of a class in the order class-validator runs them (and lists their failures). */
function rules(target: new () => object) {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .map((m) => ({
      property: m.propertyName,
      type: m.type,
      name: m.name,
      // A condition (IsOptional, ValidateIf) is a closure: compared by what it does, below.
      constraints: (m.constraints as unknown[] | undefined)?.map((c) =>
        typeof c === 'function' ? 'condition' : c,
      ),
      each: m.each,
    }));
}

/** What class-transformer makes of one body: normalised text, nested items, numbers. */
function transformed(target: new () => object) {
  const made = plainToInstance(target, {
    reason: ' علي  ۱۲ ',
    note: 'كتاب',
    province: ' ي ',
    items: [{ name: 'x' }],
    offset: '5',
  }) as Record<string, unknown>;
  const items = made.items as unknown[];
  return { ...made, itemsAreDtos: items.every((item) => item instanceof ItemDto) };
}

describe('decorator stacks', () => {
  it('register the same rules, in the same order, as the stacks written out', () => {
    expect(rules(Composed)).toEqual(rules(WrittenOut));
  });

  it('let through absent and null, and validate anything else, where null may clear a field', () => {
    const conditions = (target: new () => object) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .filter((m) => m.propertyName === 'email' && m.type === 'conditionalValidation')
        .map((m) => m.constraints[0] as (o: object, v: unknown) => boolean);
    for (const value of [undefined, null, '', 'a@b.ir', 5]) {
      expect(conditions(Composed).map((c) => c({}, value))).toEqual(
        conditions(WrittenOut).map((c) => c({}, value)),
      );
    }
  });

  it('register the same transforms and nested types', () => {
    expect(transformed(Composed)).toEqual(transformed(WrittenOut));
    expect(transformed(Composed)).toMatchObject({ offset: 5, itemsAreDtos: true });
  });
});

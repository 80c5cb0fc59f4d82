import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  MinLength,
  ValidateNested,
  ValidationError,
} from 'class-validator';
import { createValidationPipe } from '../validation/validation.pipe';
import { AppError } from './app-error';
import { ERROR_CATALOGUE } from './error-catalogue';
import { toAppError } from './problem-details.filter';
import { toFieldProblems } from './validation-problems';

describe('error model', () => {
  it('gives every catalogue entry an HTTP status and both languages', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(entry.message.en).toMatch(/[A-Za-z]/);
    }
  });

  it('maps framework exceptions to stable codes and anything unknown to SERVICE.INTERNAL', () => {
    expect(toAppError(new NotFoundException()).code).toBe('ROUTE.NOT_FOUND');
    expect(toAppError(new PayloadTooLargeException()).code).toBe('REQUEST.PAYLOAD_TOO_LARGE');
    expect(toAppError(new BadRequestException()).code).toBe('REQUEST.VALIDATION_FAILED');
    const unknown = toAppError(new TypeError('secret internals at db.ts:12'));
    expect(unknown.code).toBe('SERVICE.INTERNAL');
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(unknown.bilingual)).not.toContain('secret');
    const own = new AppError('CASE.NOT_FOUND');
    expect(toAppError(own)).toBe(own);
  });

  it('reports a missing field as required and a wrong one by its most telling rule', () => {
    const missing = Object.assign(new ValidationError(), {
      property: 'justification',
      value: undefined,
      constraints: {
        minLength: 'justification must be longer',
        isString: 'justification must be a string',
      },
    });
    const wrongType = Object.assign(new ValidationError(), {
      property: 'count',
      value: 'two',
      constraints: {
        max: 'count must not be greater than 500',
        isInt: 'count must be an integer number',
      },
    });
    const nested = Object.assign(new ValidationError(), {
      property: 'vehicles',
      value: [{}],
      children: [
        Object.assign(new ValidationError(), { property: '0', value: {}, children: [wrongType] }),
      ],
    });
    expect(toFieldProblems([missing, nested])).toEqual([
      {
        field: 'justification',
        code: 'required',
        message: { fa: 'فیلد «justification» الزامی است.', en: 'justification is required' },
      },
      {
        field: 'vehicles[0].count',
        code: 'isInt',
        message: {
          fa: 'فیلد «vehicles[0].count» باید عدد صحیح باشد.',
          en: 'vehicles[0].count must be an integer number',
        },
      },
    ]);
  });

  it('names an unknown field whose name is full of pattern characters, at any depth', async () => {
    const pipe = createValidationPipe();
    class Item {
      @IsString() @MaxLength(5) plate!: string;
    }
    class Body {
      @IsArray() @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
    }
    const names = ['(', ')', '*', '+', '?', '[', '\\', '$&', '^a|b$'];
    for (const name of names) {
      const error = await pipe
        .transform(
          { [name]: 1, items: [{ plate: 'x', [name]: 1 }] },
          { type: 'body', metatype: Body },
        )
        .then(
          () => undefined,
          (e: unknown) => e as AppError,
        );
      expect(error?.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(error?.details.map((d) => [d.field, d.code, d.message.en])).toEqual([
        [name, 'whitelistValidation', `${name} is not a known field and must not be sent`],
        [
          `items[0].${name}`,
          'whitelistValidation',
          `items[0].${name} is not a known field and must not be sent`,
        ],
      ]);
      expect(error?.details[1].message.fa).toBe(
        `فیلد «items[0].${name}» شناخته‌شده نیست و نباید ارسال شود.`,
      );
    }
  });

  it('states the limit in both languages', async () => {
    class Body {
      @IsString() @MinLength(3) @MaxLength(4000) text!: string;
      @IsInt() @Max(500) count!: number;
      @IsIn(['A', 'B']) kind!: string;
      @Matches(/^[A-Z]{2}$/) code!: string;
    }
    const error = await createValidationPipe()
      .transform(
        { text: 'x'.repeat(4001), count: 501, kind: 'C', code: 'x' },
        { type: 'body', metatype: Body },
      )
      .then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    expect(error?.details.map((d) => d.message)).toEqual([
      {
        fa: 'فیلد «text» باید حداکثر ۴۰۰۰ نویسه باشد.',
        en: 'text must be at most 4000 characters long',
      },
      { fa: 'فیلد «count» نباید بیشتر از ۵۰۰ باشد.', en: 'count must not be greater than 500' },
      { fa: 'مقدار فیلد «kind» باید یکی از این‌ها باشد: A, B.', en: 'kind must be one of: A, B' },
      {
        fa: 'قالب فیلد «code» درست نیست: باید با الگوی ^[A-Z]{2}$ جور باشد.',
        en: 'code must match the pattern ^[A-Z]{2}$',
      },
    ]);
  });
});

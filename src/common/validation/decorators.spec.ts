import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsOptional, IsString, MinLength, ValidateNested, validate } from 'class-validator';
import { toFieldProblems } from '../errors/validation-problems';
import {
  IsIranianMobile,
  IsLegalEntityNationalId,
  IsNationalCode,
  NormalizeDigits,
  NormalizeMobile,
  NormalizePersianText,
} from './decorators';

const ZWNJ = '\u200C';

class ContactDto {
  @IsOptional()
  @NormalizeMobile()
  @IsString()
  @IsIranianMobile()
  mobile?: string;
}

class AgencyDto {
  @NormalizeDigits()
  @IsString()
  @IsLegalEntityNationalId()
  nationalId!: string;

  @IsOptional()
  @NormalizeDigits()
  @IsString()
  @IsNationalCode()
  directorNationalCode?: string;

  @IsOptional()
  @NormalizePersianText()
  @IsString()
  @MinLength(3)
  name?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

/** Like the global pipe: plain body → DTO (transforms run) → validation → field problems. */
async function check(body: Record<string, unknown>) {
  const dto = plainToInstance(AgencyDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, errors, problems: toFieldProblems(errors) };
}

// 10380284790 and 0499370899: published valid examples (see iranian-ids.spec.ts).
const VALID = { nationalId: '10380284790' };

describe('validation decorators', () => {
  it('accepts valid identifiers', async () => {
    const { problems } = await check({
      ...VALID,
      directorNationalCode: '0499370899',
      contact: { mobile: '09123456789' },
    });
    expect(problems).toEqual([]);
  });

  it('accepts Persian-digit input and hands the handler ASCII digits', async () => {
    const { dto, problems } = await check({
      nationalId: '۱۰۳۸۰۲۸۴۷۹۰',
      directorNationalCode: '٠٤٩٩٣٧٠٨٩٩',
      contact: { mobile: '+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹' },
    });
    expect(problems).toEqual([]);
    expect(dto.nationalId).toBe('10380284790');
    expect(dto.directorNationalCode).toBe('0499370899');
    expect(dto.contact?.mobile).toBe('09123456789');
  });

  it('names a legal-entity ID of the wrong shape, in Persian and English', async () => {
    const { problems } = await check({ nationalId: '1038028479' });
    expect(problems).toEqual([
      {
        field: 'nationalId',
        code: 'isLegalEntityNationalId',
        message: {
          fa: 'فیلد «nationalId» باید شناسه ملی ۱۱ رقمی شخص حقوقی باشد (فقط رقم).',
          en: 'nationalId must be an 11-digit legal-entity national ID (digits only)',
        },
      },
    ]);
  });

  it('names a legal-entity ID whose check digit is wrong, apart from a wrong shape', async () => {
    const { errors, problems } = await check({ nationalId: '۱۰۳۸۰۲۸۴۷۹۲' });
    expect(Object.keys(errors[0].constraints ?? {})).toEqual(['legalEntityNationalIdCheckDigit']);
    expect(problems).toEqual([
      {
        field: 'nationalId',
        code: 'legalEntityNationalIdCheckDigit',
        message: {
          fa: 'شناسه ملی فیلد «nationalId» معتبر نیست: رقم کنترل آن درست نیست.',
          en: 'nationalId is not a valid legal-entity national ID: its check digit does not match',
        },
      },
    ]);
  });

  it('tells a national code of the wrong shape from one with a wrong check digit', async () => {
    const short = await check({ ...VALID, directorNationalCode: '۴۹۹۳۷۰۸۹۹' });
    expect(short.problems).toEqual([
      {
        field: 'directorNationalCode',
        code: 'isNationalCode',
        message: {
          fa: 'فیلد «directorNationalCode» باید کد ملی ۱۰ رقمی باشد (فقط رقم).',
          en: 'directorNationalCode must be a 10-digit national code (digits only)',
        },
      },
    ]);

    const wrong = await check({ ...VALID, directorNationalCode: '0499370898' });
    expect(wrong.problems).toEqual([
      {
        field: 'directorNationalCode',
        code: 'nationalCodeCheckDigit',
        message: {
          fa: `کد ملی فیلد «directorNationalCode» معتبر نیست: رقم کنترل آن درست نیست یا همهٔ رقم${ZWNJ}هایش یکسان است.`,
          en: 'directorNationalCode is not a valid national code: its check digit does not match or all its digits are the same',
        },
      },
    ]);

    const placeholder = await check({ ...VALID, directorNationalCode: '1111111111' });
    expect(placeholder.problems.map((p) => p.code)).toEqual(['nationalCodeCheckDigit']);
  });

  it('names a bad mobile number with its nested path', async () => {
    const { dto, problems } = await check({ ...VALID, contact: { mobile: '021-8877-6655' } });
    expect(dto.contact?.mobile).toBe('021-8877-6655');
    expect(problems).toEqual([
      {
        field: 'contact.mobile',
        code: 'isIranianMobile',
        message: {
          fa: 'فیلد «mobile» باید شماره همراه ایران باشد، مانند ۰۹۱۲۳۴۵۶۷۸۹.',
          en: 'mobile must be an Iranian mobile number such as 09123456789',
        },
      },
    ]);
  });

  it('leaves non-strings to the type rule instead of transforming them', async () => {
    const { dto, problems } = await check({ nationalId: 10380284790 });
    expect(dto.nationalId).toBe(10380284790);
    expect(problems).toEqual([
      {
        field: 'nationalId',
        code: 'isString',
        message: { fa: 'فیلد «nationalId» باید متن باشد.', en: 'nationalId must be a string' },
      },
    ]);
  });

  it('reports a missing identifier as required', async () => {
    const { problems } = await check({});
    expect(problems.map((p) => [p.field, p.code])).toEqual([['nationalId', 'required']]);
  });

  it('normalises Persian text: ی/ک, digits and spaces, keeping ZWNJ', async () => {
    const { dto, problems } = await check({
      ...VALID,
      name: `  اداره كل   خودرو${ZWNJ}هاي   دولتي ۲  `,
    });
    expect(problems).toEqual([]);
    expect(dto.name).toBe(`اداره کل خودرو${ZWNJ}های دولتی 2`);
  });

  it('lets the caller replace the default text', async () => {
    class CustomDto {
      @IsNationalCode({ message: 'custom', context: { fa: 'سفارشی', en: 'custom' } })
      code!: string;
    }
    const errors = await validate(plainToInstance(CustomDto, { code: '123' }));
    expect(toFieldProblems(errors)[0].message).toEqual({ fa: 'سفارشی', en: 'custom' });
  });

  it('validates each element of an array with { each: true }', async () => {
    class ListDto {
      @NormalizeDigits()
      @IsNationalCode({ each: true })
      codes!: string[];
    }
    const ok = await validate(plainToInstance(ListDto, { codes: ['0499370899', '1583250689'] }));
    expect(ok).toEqual([]);
    const bad = await validate(plainToInstance(ListDto, { codes: ['0499370899', '1583250680'] }));
    expect(Object.keys(bad[0].constraints ?? {})).toEqual(['nationalCodeCheckDigit']);
  });
});

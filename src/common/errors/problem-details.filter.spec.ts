import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
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
});

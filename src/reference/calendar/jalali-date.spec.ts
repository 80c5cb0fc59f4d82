import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AddClosureRequestDto, ClosureDateParams } from './dto/calendar.dto';
import { gregorianOf, normalizeJalaliDate } from './jalali-date';

describe('normalizeJalaliDate', () => {
  it('answers the stored form YYYY/MM/DD for an existing day typed in any usual way', () => {
    expect(normalizeJalaliDate('1405/02/10')).toBe('1405/02/10');
    expect(normalizeJalaliDate('۱۴۰۵/۰۲/۱۰')).toBe('1405/02/10');
    expect(normalizeJalaliDate('١٤٠٥/٠٢/١٠')).toBe('1405/02/10');
    expect(normalizeJalaliDate('1405-2-10')).toBe('1405/02/10');
    expect(normalizeJalaliDate(' 1405/1/1 ')).toBe('1405/01/01');
    expect(normalizeJalaliDate('1403/12/30')).toBe('1403/12/30'); // 1403 is a leap year
    expect(normalizeJalaliDate('1405/06/31')).toBe('1405/06/31'); // the first six months have 31
  });

  it('refuses days that do not exist, other shapes and years outside 1300–1499', () => {
    for (const text of [
      '1404/12/30', // 1404 is not a leap year
      '1405/07/31', // months 7–11 have 30 days
      '1405/13/01',
      '1405/00/10',
      '1405/01/00',
      '1405/1/32',
      '1405.02.10',
      '14050210',
      '05/02/10',
      '1299/01/01',
      '1500/01/01',
      '2026-03-21', // a Gregorian date is not taken for a Jalali one
      '1405/02/10x',
      '',
    ]) {
      expect([text, normalizeJalaliDate(text)]).toEqual([text, null]);
    }
    for (const value of [undefined, null, 14050210, {}, ['1405/02/10']]) {
      expect(normalizeJalaliDate(value)).toBeNull();
    }
  });

  it('keeps the Gregorian day alongside', () => {
    expect(gregorianOf('1405/01/01')).toBe('2026-03-21');
    expect(gregorianOf('1403/12/30')).toBe('2025-03-20');
  });
});

describe('request DTOs with a Jalali date', () => {
  const problems = (cls: new () => object, plain: object) =>
    validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true }).map(
      (e) => ({ field: e.property, rules: Object.keys(e.constraints ?? {}) }),
    );

  it('stores a closure date typed with Persian digits in ASCII YYYY/MM/DD', () => {
    const dto = plainToInstance(AddClosureRequestDto, {
      date: '۱۴۰۵/۱۰/۱۵',
      reason: 'آلودگي هوا',
    });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.date).toBe('1405/10/15');
    expect(dto.reason).toBe('آلودگی هوا'); // Arabic ي unified with Persian ی
  });

  it('refuses an impossible date with the isJalaliDate rule, in Persian and English', () => {
    const dto = plainToInstance(AddClosureRequestDto, { date: '1404/12/30', reason: 'برف' });
    const [error] = validateSync(dto);
    expect(error.property).toBe('date');
    expect(Object.keys(error.constraints ?? {})).toEqual(['isJalaliDate']);
    expect(error.contexts?.isJalaliDate).toEqual({
      fa: expect.stringContaining('تقویم شمسی'),
      en: expect.stringContaining('YYYY/MM/DD'),
    });
    expect(problems(AddClosureRequestDto, { date: 14051015, reason: 'برف' })).toEqual([
      { field: 'date', rules: ['isJalaliDate'] },
    ]);
    expect(problems(AddClosureRequestDto, {})).toEqual([
      { field: 'date', rules: ['isJalaliDate'] },
      { field: 'reason', rules: expect.arrayContaining(['isString']) },
    ]);
  });

  it('reads the path form YYYY-MM-DD', () => {
    const params = plainToInstance(ClosureDateParams, { date: '1405-10-15' });
    expect(validateSync(params)).toEqual([]);
    expect(params.date).toBe('1405/10/15');
    expect(problems(ClosureDateParams, { date: 'not-a-date' })).toEqual([
      { field: 'date', rules: ['isJalaliDate'] },
    ]);
  });
});

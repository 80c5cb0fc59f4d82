import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import type { BilingualMessage } from '../errors/error-catalogue';
import {
  checkLegalEntityNationalId,
  checkNationalCode,
  isValidIranianMobile,
  normalizeMobile,
  type IdCheck,
} from './iranian-ids';
import { normalizeDigits, normalizePersian } from './persian-text';

/**
 * Request-DTO decorators for Iranian identifiers and Persian text.
 *
 * The validators accept Persian/Arabic-Indic digits, but put `@NormalizeDigits()` (or
 * `@NormalizeMobile()`) on the property as well, so that the value the handler receives, and
 * stores, is in ASCII digits:
 *
 *   @NormalizeDigits()
 *   @IsString()
 *   @IsLegalEntityNationalId()
 *   nationalId!: string;
 *
 * Each failure carries its Persian and English text in `context: { fa, en }`, which
 * `toFieldProblems` (../errors/validation-problems.ts) hands to the client. The identifier
 * decorators register two rules, so that a value of the wrong shape (code `isNationalCode`,
 * `isLegalEntityNationalId`) is told apart from one whose check digit is wrong
 * (`nationalCodeCheckDigit`, `legalEntityNationalIdCheckDigit`); at most one of them fails.
 * A `message` or `context` passed in `options` replaces the default text.
 *
 * At the end, the stacks many request DTOs share (`PersianText`, `IsStringOfLength`,
 * `ArrayOfObjects`, `QueryInteger`, `IsOptionalOrNull`): each registers exactly what the stack
 * written out would, in the same order (decorator-stacks.spec.ts). They carry no `@ApiProperty`:
 * that stays on the field, so the OpenAPI document says what it said.
 */

type MessageFor = (property: string) => BilingualMessage;

interface Rule {
  name: string;
  /** False when the value breaks this rule. */
  passes: (value: unknown) => boolean;
  message: MessageFor;
}

function ruleDecorator(rule: Rule, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    const text = rule.message(String(propertyKey));
    const context: unknown = options?.context ?? text;
    ValidateBy(
      { name: rule.name, validator: { validate: (value: unknown) => rule.passes(value) } },
      { ...options, message: options?.message ?? text.en, context },
    )(target, propertyKey);
  };
}

function checkedIdDecorator(
  check: (value: unknown) => IdCheck,
  shape: Omit<Rule, 'passes'>,
  checkDigit: Omit<Rule, 'passes'>,
  options?: ValidationOptions,
): PropertyDecorator {
  const shapeRule = ruleDecorator(
    { ...shape, passes: (value) => check(value) !== 'malformed' },
    options,
  );
  const checkDigitRule = ruleDecorator(
    { ...checkDigit, passes: (value) => check(value) !== 'invalid' },
    options,
  );
  return (target, propertyKey) => {
    shapeRule(target, propertyKey);
    checkDigitRule(target, propertyKey);
  };
}

/** شناسه ملی اشخاص حقوقی: 11 digits whose last is the check digit. */
export function IsLegalEntityNationalId(options?: ValidationOptions): PropertyDecorator {
  return checkedIdDecorator(
    checkLegalEntityNationalId,
    {
      name: 'isLegalEntityNationalId',
      message: (p) => ({
        fa: `فیلد «${p}» باید شناسه ملی ۱۱ رقمی شخص حقوقی باشد (فقط رقم).`,
        en: `${p} must be an 11-digit legal-entity national ID (digits only)`,
      }),
    },
    {
      name: 'legalEntityNationalIdCheckDigit',
      message: (p) => ({
        fa: `شناسه ملی فیلد «${p}» معتبر نیست: رقم کنترل آن درست نیست.`,
        en: `${p} is not a valid legal-entity national ID: its check digit does not match`,
      }),
    },
    options,
  );
}

/** کد ملی: 10 digits whose last is the check digit; codes of one repeated digit are refused. */
export function IsNationalCode(options?: ValidationOptions): PropertyDecorator {
  return checkedIdDecorator(
    checkNationalCode,
    {
      name: 'isNationalCode',
      message: (p) => ({
        fa: `فیلد «${p}» باید کد ملی ۱۰ رقمی باشد (فقط رقم).`,
        en: `${p} must be a 10-digit national code (digits only)`,
      }),
    },
    {
      name: 'nationalCodeCheckDigit',
      message: (p) => ({
        fa: `کد ملی فیلد «${p}» معتبر نیست: رقم کنترل آن درست نیست یا همهٔ رقم‌هایش یکسان است.`,
        en: `${p} is not a valid national code: its check digit does not match or all its digits are the same`,
      }),
    },
    options,
  );
}

/** Iranian mobile number: 09xxxxxxxxx, or the same with +98, 0098 or 98 for the leading 0. */
export function IsIranianMobile(options?: ValidationOptions): PropertyDecorator {
  return ruleDecorator(
    {
      name: 'isIranianMobile',
      passes: isValidIranianMobile,
      message: (p) => ({
        fa: `فیلد «${p}» باید شماره همراه ایران باشد، مانند ۰۹۱۲۳۴۵۶۷۸۹.`,
        en: `${p} must be an Iranian mobile number such as 09123456789`,
      }),
    },
    options,
  );
}

/** A class-transformer transform that rewrites strings only; other values pass untouched. */
function transformStrings(fn: (s: string) => string): PropertyDecorator {
  return Transform(
    ({ value }: { value: unknown }) => (typeof value === 'string' ? fn(value) : value),
    {
      toClassOnly: true,
    },
  );
}

/** Persian ۰–۹ and Arabic-Indic ٠–٩ digits → ASCII, on string values only. */
export function NormalizeDigits(): PropertyDecorator {
  return transformStrings(normalizeDigits);
}

/** `normalizePersian` on string values: ASCII digits, ی/ک unified, spaces tidied, ZWNJ kept. */
export function NormalizePersianText(): PropertyDecorator {
  return transformStrings(normalizePersian);
}

/**
 * A recognisable mobile number → its `09xxxxxxxxx` form; any other string keeps its digits
 * normalised but is otherwise left for `@IsIranianMobile()` to report.
 */
export function NormalizeMobile(): PropertyDecorator {
  return transformStrings((s) => normalizeMobile(s) ?? normalizeDigits(s));
}

/**
 * Like `@IsOptional()`, but only for an absent field: `null` is still validated (and refused by
 * the type rules), so a PATCH cannot null a required column and reach the database.
 */
export function IsOptionalButNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * Like `@IsOptional()`, and `null` is let through as well: for a PATCH field whose column is
 * nullable, where `null` clears it.
 */
export function IsOptionalOrNull(): PropertyDecorator {
  return stacked(
    IsOptional(),
    ValidateIf((_o: object, v: unknown) => v !== null),
  );
}

// ---- decorator stacks used by many request DTOs ----

/**
 * The given decorators as if written one above the other, first on top: they apply bottom-up, as
 * stacked decorators do, so that rules register (and failures are listed) in the same order as
 * the stack written out in full.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...[...decorators].reverse());
}

/** A string of `min`..`max` characters (`min` left out: no lower bound); not normalised. */
export function IsStringOfLength(length: { min?: number; max: number }): PropertyDecorator {
  const { min, max } = length;
  return stacked(IsString(), ...(min === undefined ? [] : [MinLength(min)]), MaxLength(max));
}

/**
 * Free text typed in Persian (or any script): `@NormalizePersianText()`, then a string of
 * `min`..`max` characters (`min` left out: no lower bound).
 */
export function PersianText(length: { min?: number; max: number }): PropertyDecorator {
  return stacked(NormalizePersianText(), IsStringOfLength(length));
}

/**
 * A list of `min`..`max` objects, each validated as a `type`. An item must be an object:
 * `@ValidateNested()` alone walks into an array item and finds nothing.
 */
export function ArrayOfObjects(
  type: () => new () => object,
  size: { min: number; max: number },
): PropertyDecorator {
  return stacked(
    IsArray(),
    ArrayMinSize(size.min),
    ArrayMaxSize(size.max),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** A query-string integer in `min`..`max` (the text is turned into a number first). */
export function QueryInteger(min: number, max: number): PropertyDecorator {
  return stacked(
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}

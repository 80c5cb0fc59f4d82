import { getMetadataStorage, ValidationError } from 'class-validator';
import { BilingualMessage } from './error-catalogue';
import { FieldProblem } from './app-error';

/** Persian wording per class-validator rule; `{field}` is replaced by the field path. */
const PERSIAN: Record<string, string> = {
  whitelistValidation: 'فیلد «{field}» شناخته‌شده نیست و نباید ارسال شود.',
  isDefined: 'فیلد «{field}» الزامی است.',
  isNotEmpty: 'فیلد «{field}» نباید خالی باشد.',
  isString: 'فیلد «{field}» باید متن باشد.',
  isInt: 'فیلد «{field}» باید عدد صحیح باشد.',
  isNumber: 'فیلد «{field}» باید عدد باشد.',
  isBoolean: 'فیلد «{field}» باید درست/نادرست باشد.',
  isIn: 'مقدار فیلد «{field}» از گزینه‌های مجاز نیست.',
  isEnum: 'مقدار فیلد «{field}» از گزینه‌های مجاز نیست.',
  isArray: 'فیلد «{field}» باید فهرست باشد.',
  arrayMinSize: 'فهرست «{field}» کمتر از حد لازم عضو دارد.',
  arrayMaxSize: 'فهرست «{field}» بیش از حد مجاز عضو دارد.',
  minLength: 'فیلد «{field}» کوتاه‌تر از حد لازم است.',
  maxLength: 'فیلد «{field}» بلندتر از حد مجاز است.',
  min: 'فیلد «{field}» کمتر از حد مجاز است.',
  max: 'فیلد «{field}» بیشتر از حد مجاز است.',
  matches: 'قالب فیلد «{field}» درست نیست.',
  isUuid: 'فیلد «{field}» باید شناسه UUID باشد.',
  isObject: 'فیلد «{field}» باید شیء باشد.',
  nestedValidation: 'فیلد «{field}» باید شیء معتبر باشد.',
  isDateString: 'فیلد «{field}» باید تاریخ ISO باشد.',
};

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const persianDigits = (s: string) => s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);

/**
 * Rules whose message states a limit or the allowed values, in both languages alike (the
 * English of class-validator stated them and the Persian did not). `{n}` is the limit, `{values}`
 * the allowed values; both come from the rule's own metadata.
 */
const WITH_LIMIT: Record<string, { fa: string; en: string }> = {
  minLength: {
    fa: 'فیلد «{field}» باید دست‌کم {n} نویسه باشد.',
    en: '{field} must be at least {n} characters long',
  },
  maxLength: {
    fa: 'فیلد «{field}» باید حداکثر {n} نویسه باشد.',
    en: '{field} must be at most {n} characters long',
  },
  min: { fa: 'فیلد «{field}» نباید کمتر از {n} باشد.', en: '{field} must not be less than {n}' },
  max: {
    fa: 'فیلد «{field}» نباید بیشتر از {n} باشد.',
    en: '{field} must not be greater than {n}',
  },
  arrayMinSize: {
    fa: 'فهرست «{field}» باید دست‌کم {n} عضو داشته باشد.',
    en: '{field} must contain at least {n} items',
  },
  arrayMaxSize: {
    fa: 'فهرست «{field}» باید حداکثر {n} عضو داشته باشد.',
    en: '{field} must contain at most {n} items',
  },
  isIn: {
    fa: 'مقدار فیلد «{field}» باید یکی از این‌ها باشد: {values}.',
    en: '{field} must be one of: {values}',
  },
  isEnum: {
    fa: 'مقدار فیلد «{field}» باید یکی از این‌ها باشد: {values}.',
    en: '{field} must be one of: {values}',
  },
  matches: {
    fa: 'قالب فیلد «{field}» درست نیست: باید با الگوی {values} جور باشد.',
    en: '{field} must match the pattern {values}',
  },
};

/** The constraints of `rule` on `property` of the validated object, from class-validator's metadata. */
function constraintsOf(target: unknown, property: string, rule: string): unknown[] | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === rule);
  return metadata?.constraints;
}

/** `text` with each placeholder replaced by its value (a function, so `$&` in a name is text). */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(field|n|values)\}/g, (_match, key: string) => values[key] ?? '');
}

function localise(
  rule: string,
  field: string,
  english: string,
  context: unknown,
  constraints: unknown[] | undefined,
): BilingualMessage {
  const given = context as Partial<BilingualMessage> | undefined;
  if (given?.fa && given.en) return { fa: given.fa, en: given.en };
  const limited = WITH_LIMIT[rule];
  if (limited && constraints && !given?.fa && !given?.en) {
    const allowed = rule === 'isEnum' ? constraints[1] : constraints[0];
    const values = Array.isArray(allowed)
      ? allowed.map(String).join(', ')
      : allowed instanceof RegExp
        ? allowed.source
        : String(allowed);
    const n = String(constraints[0]);
    return {
      fa: fill(limited.fa, { field, n: persianDigits(n), values }),
      en: fill(limited.en, { field, n, values }),
    };
  }
  const fa = fill(PERSIAN[rule] ?? 'مقدار فیلد «{field}» معتبر نیست.', { field });
  const en =
    rule === 'whitelistValidation' ? `${field} is not a known field and must not be sent` : english;
  return { fa: given?.fa ?? fa, en: given?.en ?? en };
}

/**
 * class-validator's English starts with the property's own name; the field's path (e.g.
 * `vehicles[0].vin`) is put in its place. Compared as text: a property name is client input
 * (an unknown field may be called `(` or `[`), never part of a pattern.
 */
function withFieldPath(english: string, property: string, field: string): string {
  if (!english.startsWith(property)) return english;
  const next = english.charAt(property.length);
  return /\w/.test(next) ? english : field + english.slice(property.length);
}

/** Rules that say what a value *is*; when one fails, rules about its length or range are noise. */
const TYPE_RULES = [
  'whitelistValidation',
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isIn',
  'isEnum',
];

function mostTelling(constraints: Record<string, string>): [string, string] {
  const entries = Object.entries(constraints);
  const rank = ([rule]: [string, string]) => {
    const i = TYPE_RULES.indexOf(rule);
    return i === -1 ? TYPE_RULES.length : i;
  };
  return entries.sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * Flattens class-validator's error tree into one problem per field: "required" when the field is
 * missing, otherwise the most telling rule it broke (its type before its length).
 */
export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      if (error.value === undefined && !('whitelistValidation' in error.constraints)) {
        problems.push({
          field,
          code: 'required',
          message: { fa: `فیلد «${field}» الزامی است.`, en: `${field} is required` },
        });
      } else {
        const [rule, english] = mostTelling(error.constraints);
        problems.push({
          field,
          code: rule,
          message: localise(
            rule,
            field,
            withFieldPath(english, error.property, field),
            error.contexts?.[rule],
            constraintsOf(error.target, error.property, rule),
          ),
        });
      }
    }
    if (error.children?.length) problems.push(...toFieldProblems(error.children, field));
  }
  return problems;
}

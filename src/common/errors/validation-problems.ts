import { ValidationError } from 'class-validator';
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

function localise(
  rule: string,
  field: string,
  english: string,
  context: unknown,
): BilingualMessage {
  const given = context as Partial<BilingualMessage> | undefined;
  if (given?.fa && given.en) return { fa: given.fa, en: given.en };
  const fa = (PERSIAN[rule] ?? 'مقدار فیلد «{field}» معتبر نیست.').replace('{field}', field);
  const en =
    rule === 'whitelistValidation' ? `${field} is not a known field and must not be sent` : english;
  return { fa: given?.fa ?? fa, en: given?.en ?? en };
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
        const message = english.replace(new RegExp(`^${error.property}\\b`), field);
        problems.push({
          field,
          code: rule,
          message: localise(rule, field, message, error.contexts?.[rule]),
        });
      }
    }
    if (error.children?.length) problems.push(...toFieldProblems(error.children, field));
  }
  return problems;
}

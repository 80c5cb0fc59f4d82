import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import type { FieldProblem } from '../errors/app-error';
import type { BilingualMessage, ErrorCode } from '../errors/error-catalogue';
import { forbiddenCharacterIn, forbiddenCharacterMessage } from './forbidden-characters';
import JSON_SYNTAX from './json-syntax.messages.json';

/**
 * The deepest a JSON body may nest (objects and arrays). The deepest real form is a session's
 * members or a case's vehicles, four levels down; 32 leaves room and keeps every recursive
 * step after the parser (class-transformer, class-validator, the error mapper) shallow.
 */
export const MAX_JSON_DEPTH = 32;

/** Why a JSON body was refused before it was parsed: the problem filter answers `code`. */
export class JsonBodyRefusal extends Error {
  readonly type = 'entity.strict.refused';
  constructor(
    readonly code: ErrorCode,
    readonly details: FieldProblem[],
    readonly bilingual?: BilingualMessage,
  ) {
    super(code);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `vehicles[0].plate` from jsonc-parser's path (segments are keys and indexes). */
export function fieldPath(path: JSONPath): string {
  let field = '';
  for (const segment of path) {
    if (typeof segment === 'number') field += `[${segment}]`;
    else field += field === '' ? segment : `.${segment}`;
  }
  return field;
}

/** What each syntax error means, in both languages (the scanner's codes, by name). */
const SYNTAX: Record<string, BilingualMessage> = JSON_SYNTAX;

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const fa = (n: number) => String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]);

/** The bilingual "not valid JSON" message, with what was wrong and where (1-based). */
export function malformedJsonMessage(
  reason: BilingualMessage,
  line: number,
  column: number,
  offset: number,
): BilingualMessage {
  return {
    fa: `بدنه درخواست JSON معتبر نیست: ${reason.fa}، در سطر ${fa(line)}، ستون ${fa(column)} (نویسهٔ ${fa(offset)}).`,
    en: `The request body is not valid JSON: ${reason.en} at line ${line}, column ${column} (character ${offset}).`,
  };
}

/**
 * Checks a JSON body before it is parsed, as body-parser's `verify` hook: refuses bytes that are
 * not UTF-8, syntax errors (with their position), nesting deeper than MAX_JSON_DEPTH, duplicate
 * keys in one object, and forbidden characters in any key or string (forbidden-characters.ts).
 *
 * Why jsonc-parser: JSON.parse keeps the last of duplicate keys silently, gives no hook to see
 * them, and its error position is V8's wording in English. jsonc-parser (Microsoft's scanner
 * behind VS Code's JSON support, widely used and maintained) reports every key as decoded text
 * (so `"a"` and `"\u0061"` are the same key), every string value, the depth, and each syntax
 * error with its line and column; comments and trailing commas are reported as errors, so it
 * accepts exactly JSON. Its visitor recurses, so the depth check throws at the first level too
 * deep, long before the stack could run out.
 */
export function checkJsonBody(buffer: Buffer): void {
  if (buffer.length === 0) return; // body-parser reads an empty body as {}
  let text: string;
  try {
    text = UTF8.decode(buffer);
  } catch {
    throw new JsonBodyRefusal('REQUEST.INVALID_ENCODING', []);
  }
  let depth = 0;
  /** The keys seen so far in each open object (null for an array). */
  const keys: (Set<string> | null)[] = [];
  const open = (container: Set<string> | null, path: () => JSONPath) => {
    depth += 1;
    if (depth > MAX_JSON_DEPTH) {
      throw new JsonBodyRefusal('REQUEST.NESTING_TOO_DEEP', [
        {
          field: fieldPath(path()),
          code: 'maxDepth',
          message: {
            fa: `بدنه درخواست بیش از ${fa(MAX_JSON_DEPTH)} سطح تودرتو است.`,
            en: `the request body nests deeper than ${MAX_JSON_DEPTH} levels`,
          },
        },
      ]);
    }
    keys.push(container);
  };
  const close = () => {
    depth -= 1;
    keys.pop();
  };
  const refuseCharacters = (value: string, path: JSONPath) => {
    const character = forbiddenCharacterIn(value);
    if (character === undefined) return;
    const field = fieldPath(path);
    throw new JsonBodyRefusal('REQUEST.FORBIDDEN_CHARACTER', [
      { field, code: 'forbiddenCharacter', message: forbiddenCharacterMessage(field, character) },
    ]);
  };
  visit(
    text,
    {
      onObjectBegin: (_o, _l, _sl, _sc, path) => open(new Set<string>(), path),
      onObjectEnd: close,
      onArrayBegin: (_o, _l, _sl, _sc, path) => open(null, path),
      onArrayEnd: close,
      onObjectProperty: (property, _o, _l, _sl, _sc, pathSupplier) => {
        const path = [...pathSupplier(), property];
        refuseCharacters(property, path);
        if (property === '__proto__') {
          // No form has it, and JSON.parse makes it an own key that object spreads and merges
          // may read as the prototype (the check secure-json-parse and bourne make too).
          const field = fieldPath(path);
          throw new JsonBodyRefusal('REQUEST.VALIDATION_FAILED', [
            {
              field,
              code: 'whitelistValidation',
              message: {
                fa: `فیلد «${field}» شناخته‌شده نیست و نباید ارسال شود.`,
                en: `${field} is not a known field and must not be sent`,
              },
            },
          ]);
        }
        const seen = keys[keys.length - 1];
        if (seen?.has(property)) {
          const field = fieldPath(path);
          throw new JsonBodyRefusal('REQUEST.DUPLICATE_KEY', [
            {
              field,
              code: 'duplicateKey',
              message: {
                fa: `فیلد «${field}» بیش از یک بار آمده است.`,
                en: `${field} appears more than once`,
              },
            },
          ]);
        }
        seen?.add(property);
      },
      onLiteralValue: (value: unknown, _o, _l, _sl, _sc, path) => {
        if (typeof value === 'string') refuseCharacters(value, path());
      },
      onError: (error, offset, _length, startLine, startCharacter) => {
        const reason = SYNTAX[printParseErrorCode(error)] ?? SYNTAX.InvalidSymbol;
        throw new JsonBodyRefusal(
          'REQUEST.MALFORMED_JSON',
          [],
          malformedJsonMessage(reason, startLine + 1, startCharacter + 1, offset + 1),
        );
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
}

import { checkJsonBody, JsonBodyRefusal, MAX_JSON_DEPTH } from './strict-json';

function refusal(text: string | Buffer): JsonBodyRefusal | undefined {
  try {
    checkJsonBody(typeof text === 'string' ? Buffer.from(text) : text);
    return undefined;
  } catch (error) {
    if (error instanceof JsonBodyRefusal) return error;
    throw error;
  }
}

describe('checkJsonBody', () => {
  it('passes plain JSON, ZWNJ and the same key in different objects', () => {
    expect(refusal('{"a":[1,2],"b":{"a":"نیم\u200cفاصله"},"c":null}')).toBeUndefined();
    expect(refusal('')).toBeUndefined();
  });

  it('refuses a duplicate key, also when written with an escape, naming its path', () => {
    const r = refusal('{"v":[{"plate":"1","\\u0070late":"2"}]}');
    expect(r?.code).toBe('REQUEST.DUPLICATE_KEY');
    expect(r?.details[0].field).toBe('v[0].plate');
  });

  it('refuses nesting one level deeper than the limit, and a very deep body without overflowing', () => {
    expect(refusal('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusal('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))?.code).toBe(
      'REQUEST.NESTING_TOO_DEEP',
    );
    expect(refusal('{"a":'.repeat(100000))?.code).toBe('REQUEST.NESTING_TOO_DEEP');
  });

  it('refuses NUL, other controls, direction controls and lone surrogates in keys and values', () => {
    for (const bad of ['\\u0000', '\\u001b', '\\u202e', '\\u2066', '\\ud800', '\\u0085']) {
      const value = refusal(`{"x":{"y":"a${bad}b"}}`);
      expect([bad, value?.code, value?.details[0].field]).toEqual([
        bad,
        'REQUEST.FORBIDDEN_CHARACTER',
        'x.y',
      ]);
      expect(refusal(`{"k${bad}":1}`)?.code).toBe('REQUEST.FORBIDDEN_CHARACTER');
    }
    expect(refusal('{"x":"line\\nbreak\\ttab\\r"}')).toBeUndefined();
    expect(refusal('{"x":"😀 \\ud83d\\ude00"}')).toBeUndefined();
  });

  it('refuses a __proto__ key at any depth', () => {
    const r = refusal('{"a":[{"__proto__":{"admin":true}}]}');
    expect([r?.code, r?.details[0].field]).toEqual(['REQUEST.VALIDATION_FAILED', 'a[0].__proto__']);
    expect(refusal('{"\\u005f_proto__":1}')?.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(refusal(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))?.code).toBe(
      'REQUEST.INVALID_ENCODING',
    );
  });

  it('tells where the syntax is wrong, the same in both languages', () => {
    const r = refusal('{\n  "a": 1,\n  "b" 2\n}');
    expect(r?.code).toBe('REQUEST.MALFORMED_JSON');
    expect(r?.bilingual?.en).toBe(
      'The request body is not valid JSON: a colon ":" was expected at line 3, column 7 (character 19).',
    );
    expect(r?.bilingual?.fa).toContain('سطر ۳، ستون ۷ (نویسهٔ ۱۹)');
    expect(refusal('{"a":1,}')?.code).toBe('REQUEST.MALFORMED_JSON');
    expect(refusal('{"a":1} // note')?.code).toBe('REQUEST.MALFORMED_JSON');
  });
});

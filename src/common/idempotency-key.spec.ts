import { idempotencyKeyProblem } from './idempotency-key';

describe('idempotencyKeyProblem', () => {
  it('takes an Idempotency-Key of 1–100 letters, digits, - and _', () => {
    expect(idempotencyKeyProblem(undefined)).toBeUndefined();
    expect(idempotencyKeyProblem('retry_1-A')).toBeUndefined();
    expect(idempotencyKeyProblem('k'.repeat(100))).toBeUndefined();
    for (const bad of ['', 'k'.repeat(101), 'a b', 'کلید', 'a,b', ['a']]) {
      expect(idempotencyKeyProblem(bad)).toMatchObject({
        field: 'Idempotency-Key',
        code: 'idempotencyKey',
      });
    }
  });
});

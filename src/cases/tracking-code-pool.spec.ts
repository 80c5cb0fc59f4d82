import { AppError } from '../common/errors/app-error';
import { checkTrackingCode } from '../common/tracking-code';
import { type Reservation, TrackingCodePool } from './tracking-code-pool';

/** A stand-in for `tracking_codes`: codes and case ids unique, as the table's keys make them. */
function fakeTable() {
  const codes = new Set<string>();
  const caseIds = new Set<string>();
  const calls: number[] = [];
  const reserve = (candidates: readonly Reservation[]) => {
    calls.push(candidates.length);
    const reserved: Reservation[] = [];
    for (const c of candidates) {
      if (codes.has(c.code) || caseIds.has(c.caseId)) continue;
      codes.add(c.code);
      caseIds.add(c.caseId);
      reserved.push(c);
    }
    return Promise.resolve(reserved);
  };
  return { codes, calls, reserve };
}

describe('TrackingCodePool', () => {
  it('reserves a batch in one call and hands it out from memory, each code once', async () => {
    const table = fakeTable();
    const pool = new TrackingCodePool(table.reserve, 8);
    const taken = await Promise.all(Array.from({ length: 20 }, () => pool.take()));
    expect(table.calls).toEqual([8, 8, 8]);
    expect(new Set(taken.map((t) => t.code)).size).toBe(20);
    expect(new Set(taken.map((t) => t.caseId)).size).toBe(20);
    for (const t of taken) {
      expect(checkTrackingCode(t.code)).toBe('valid');
      expect(table.codes.has(t.code)).toBe(true); // reserved in the table before it is handed out
      expect(t.caseId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(pool.available).toBe(4);
  });

  it('lets requests that find it empty share one refill', async () => {
    const table = fakeTable();
    const pool = new TrackingCodePool(table.reserve, 4);
    await Promise.all([pool.take(), pool.take(), pool.take()]);
    expect(table.calls).toEqual([4]);
  });

  it('skips codes the table already holds and draws again', async () => {
    const table = fakeTable();
    let n = 0;
    // The first two draws clash with rows already there; later ones are fresh.
    table.codes.add('100000000009');
    const draw = () => ({
      code: n < 2 ? '100000000009' : `code-${n}`,
      caseId: `case-${n++}`,
    });
    const pool = new TrackingCodePool(table.reserve, 2, draw);
    const first = await pool.take();
    expect(first.code).toMatch(/^code-/);
    expect(table.calls).toEqual([2, 2]);
  });

  it('answers CASE.TRACKING_CODE_EXHAUSTED when refills keep coming back empty', async () => {
    const pool = new TrackingCodePool(() => Promise.resolve([]), 4);
    await expect(pool.take()).rejects.toMatchObject({
      code: 'CASE.TRACKING_CODE_EXHAUSTED',
    } satisfies Partial<AppError>);
  });

  it('fails every waiting request when the reservation fails, and tries again on the next', async () => {
    let fail = true;
    const table = fakeTable();
    const pool = new TrackingCodePool((c) => {
      if (fail) return Promise.reject(new Error('database unavailable'));
      return table.reserve(c);
    }, 4);
    const waiting = [pool.take(), pool.take()];
    for (const w of waiting) await expect(w).rejects.toThrow('database unavailable');
    fail = false;
    await expect(pool.take()).resolves.toMatchObject({ code: expect.any(String) });
  });
});

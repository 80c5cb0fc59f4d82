import { type PublicCaseRow, PublicCaseLookup } from './public-case-lookup';

const row = (code: string): PublicCaseRow => ({
  tracking_code: code,
  request_type: 'SCRAP',
  stage: 'UNDER_REVIEW',
  registered_at: new Date('2026-11-01T08:00:00Z'),
  stage_since: new Date('2026-11-02T08:00:00Z'),
});

describe('PublicCaseLookup', () => {
  it('looks up codes asked for together in one query, each request getting its own case', async () => {
    const queries: string[][] = [];
    const lookup = new PublicCaseLookup((codes) => {
      queries.push(codes);
      return Promise.resolve(codes.filter((c) => c !== 'unknown').map(row));
    });
    const found = await Promise.all(['a', 'b', 'unknown', 'a'].map((c) => lookup.find(c)));
    expect(queries).toEqual([['a', 'b', 'unknown']]);
    expect(found.map((r) => r?.tracking_code)).toEqual(['a', 'b', undefined, 'a']);
  });

  it('sends nothing from a cache: a later request is a later query, and sees what changed', async () => {
    let stage: PublicCaseRow['stage'] = 'UNDER_REVIEW';
    let queries = 0;
    const lookup = new PublicCaseLookup((codes) => {
      queries++;
      return Promise.resolve(codes.map((c) => ({ ...row(c), stage })));
    });
    expect((await lookup.find('a'))?.stage).toBe('UNDER_REVIEW');
    stage = 'AWAITING_SESSION';
    expect((await lookup.find('a'))?.stage).toBe('AWAITING_SESSION');
    expect(queries).toBe(2);
  });

  it('fails the requests a failed query carried', async () => {
    const lookup = new PublicCaseLookup(() => Promise.reject(new Error('database unavailable')));
    await expect(Promise.all([lookup.find('a'), lookup.find('b')])).rejects.toThrow(
      'database unavailable',
    );
  });
});

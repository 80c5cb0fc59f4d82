import { GroupCommit } from '../common/group-commit';
import type { CaseStage, RequestType } from '../../workflows/case/case.types';

/** The public columns of one case. */
export interface PublicCaseRow {
  tracking_code: string;
  request_type: RequestType;
  stage: CaseStage;
  registered_at: Date;
  stage_since: Date;
}

/** Most codes one query looks up. */
const MAX_CODES_PER_QUERY = 200;

/**
 * Look-ups by tracking code, batched: codes asked for while a query is in flight go together in
 * the next one (`WHERE tracking_code = ANY(…)`), so a busy tracking page costs one round trip per
 * batch rather than per request. Nothing is cached: every answer comes from a query sent after
 * its request arrived, and a failed query fails exactly the requests it carried.
 */
export class PublicCaseLookup {
  private readonly batches: GroupCommit<string, PublicCaseRow | undefined>;

  constructor(query: (codes: string[]) => Promise<PublicCaseRow[]>) {
    this.batches = new GroupCommit(async (codes) => {
      const rows = await query([...new Set(codes)]);
      const byCode = new Map(rows.map((row) => [row.tracking_code, row]));
      return codes.map((code) => ({ ok: true as const, value: byCode.get(code) }));
    }, MAX_CODES_PER_QUERY);
  }

  /** The case carrying `code` (a valid code, normalised), if there is one. */
  find(code: string): Promise<PublicCaseRow | undefined> {
    return this.batches.submit(code);
  }
}

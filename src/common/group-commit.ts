/**
 * Group commit: callers submit items one by one; items that arrive while a flush is in flight
 * (or in the same tick as the first) wait and go together in the next flush, one round trip and
 * one commit for the lot. Each caller's promise settles only after the flush that carried its
 * item has returned, with that item's own outcome: there is no acknowledgement before the write.
 *
 * With nothing in flight the first item goes at once (after the current tick, so items submitted
 * together share a flush): an idle service adds no delay, a busy one commits less often.
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private flushing = false;

  /**
   * `flush` writes a batch (in submission order) and answers one outcome per item, in the same
   * order; if it throws, every item of that batch fails with its error.
   */
  constructor(
    private readonly flush: (items: readonly I[]) => Promise<Array<Outcome<O>>>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new Error(`maxBatch must be a positive integer (got ${maxBatch})`);
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** Items waiting for a flush (not those in flight). */
  get waiting(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.maxBatch);
        this.queue = this.queue.slice(batch.length);
        await this.settle(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async settle(batch: Pending<I, O>[]): Promise<void> {
    let outcomes: Array<Outcome<O>>;
    try {
      outcomes = await this.flush(batch.map((p) => p.item));
      if (outcomes.length !== batch.length) {
        throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

// Outstanding work of a crawl: a count, not a list, so finished tasks are not kept (memory stays flat as the site grows).

export class Pending {
  private count = 0;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  /** The first task that rejected. Boxed: a task may reject with undefined, and that must still fail the run. */
  private failure: { error: unknown } | undefined;

  /** A task has rejected: its owner should start nothing new, so the rest drains quickly. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  push(p: Promise<unknown>): void {
    this.count++;
    // Both outcomes are handled here: a rejecting task fails idle(), it never becomes an unhandled rejection that
    // takes down the process (the scheduler runs many audits in one).
    p.then(
      () => this.settle(),
      (error: unknown) => {
        this.failure ??= { error };
        this.settle();
      },
    );
  }

  /**
   * Resolves when every task, including those added while waiting, has finished. If one rejected, rejects with the
   * first error, but only once the others have settled too: the caller then closes what they were using.
   */
  idle(): Promise<void> {
    if (this.count === 0) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settle(): void {
    if (--this.count > 0) return;
    for (const w of this.waiters.splice(0)) {
      if (this.failure) w.reject(this.failure.error);
      else w.resolve();
    }
  }
}

// Outstanding work of a crawl: a count, not a list, so finished tasks are not kept (memory stays flat as the site grows).

export class Pending {
  private count = 0;
  private waiters: Array<() => void> = [];

  push(p: Promise<void>): void {
    this.count++;
    void p.finally(() => {
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves when every task, including those added while waiting, has finished. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}

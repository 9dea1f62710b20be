// A small LRU cache of grid pages with de-duplicated in-flight requests.
// Plain TypeScript so it can be unit-tested without a DOM.

export type PageFetcher<T> = (pageIndex: number) => Promise<T>;

export class PageCache<T> {
  private readonly fetcher: PageFetcher<T>;
  readonly capacity: number;
  /** Map iteration order is insertion order: first entry = least recently used. */
  private readonly pages = new Map<number, T>();
  private readonly inflight = new Map<number, Promise<T>>();
  private readonly errors = new Map<number, unknown>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(fetcher: PageFetcher<T>, capacity = 32) {
    if (capacity < 1) throw new RangeError('capacity must be at least 1');
    this.fetcher = fetcher;
    this.capacity = capacity;
  }

  /** Number of cached pages. */
  get size(): number {
    return this.pages.size;
  }

  /** Cached page indices, least recently used first. */
  keys(): number[] {
    return [...this.pages.keys()];
  }

  /** Returns a cached page without changing its recency. */
  peek(index: number): T | undefined {
    return this.pages.get(index);
  }

  /** Returns a cached page and marks it most recently used. */
  get(index: number): T | undefined {
    const page = this.pages.get(index);
    if (page !== undefined) {
      this.pages.delete(index);
      this.pages.set(index, page);
    }
    return page;
  }

  isLoading(index: number): boolean {
    return this.inflight.has(index);
  }

  /** The error of the last failed fetch of this page, until cleared. */
  error(index: number): unknown {
    return this.errors.get(index);
  }

  /** The first stored error, if any page failed. */
  firstError(): unknown {
    for (const e of this.errors.values()) return e;
    return undefined;
  }

  /** Forget failures so that the pages are fetched again on the next ensure(). */
  clearErrors(): void {
    if (this.errors.size === 0) return;
    this.errors.clear();
    this.notify();
  }

  /**
   * Loads one page. A cached page resolves immediately; a page already being
   * fetched returns the same promise (no duplicate request).
   */
  load(index: number): Promise<T> {
    const cached = this.get(index);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.inflight.get(index);
    if (pending) return pending;

    this.errors.delete(index);
    const promise = this.fetcher(index).then(
      (page) => {
        if (this.inflight.get(index) === promise) this.inflight.delete(index);
        if (!this.disposed) {
          this.store(index, page);
          this.notify();
        }
        return page;
      },
      (err: unknown) => {
        if (this.inflight.get(index) === promise) this.inflight.delete(index);
        if (!this.disposed) {
          this.errors.set(index, err);
          this.notify();
        }
        throw err;
      },
    );
    this.inflight.set(index, promise);
    return promise;
  }

  /**
   * Makes sure the given pages are cached or being fetched. Cached ones are
   * marked as recently used; pages whose last fetch failed are skipped until
   * clearErrors().
   */
  ensure(indices: Iterable<number>): void {
    for (const index of indices) {
      if (this.get(index) !== undefined) continue;
      if (this.inflight.has(index) || this.errors.has(index)) continue;
      this.load(index).catch(() => {
        /* recorded in this.errors */
      });
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops notifying and drops everything; late results are ignored. */
  dispose(): void {
    this.disposed = true;
    this.pages.clear();
    this.inflight.clear();
    this.errors.clear();
    this.listeners.clear();
  }

  private store(index: number, page: T): void {
    this.pages.delete(index);
    this.pages.set(index, page);
    while (this.pages.size > this.capacity) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

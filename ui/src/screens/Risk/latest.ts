// Debounced "latest wins" calls, for commands re-run on every settings change.
// Plain TypeScript so it can be unit-tested without a DOM.
//
// schedule(args) waits `delayMs` for the settings to settle, then calls `run(args)`.
// Only the newest call's outcome is delivered: scheduling again, cancel() or
// dispose() makes every earlier call stale, and a stale call's result or error is
// dropped even if it arrives after a newer one.

export interface LatestHandlers<A, R> {
  /** The newest call succeeded. */
  onResult: (result: R, args: A) => void;
  /** The newest call failed. */
  onError: (error: unknown, args: A) => void;
  /** Busy: a call is waiting for its delay or in flight, and its outcome is still wanted. */
  onBusyChange?: (busy: boolean) => void;
}

export const DEFAULT_DELAY_MS = 250;

export class DebouncedLatest<A, R> {
  private readonly run: (args: A) => Promise<R>;
  private readonly handlers: LatestHandlers<A, R>;
  readonly delayMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every schedule/now/cancel: a call is current while its generation is. */
  private generation = 0;
  /** Generation of the call in flight whose outcome is still wanted, if any. */
  private inflight: number | null = null;
  private wasBusy = false;
  private disposed = false;

  constructor(run: (args: A) => Promise<R>, handlers: LatestHandlers<A, R>, delayMs = DEFAULT_DELAY_MS) {
    if (!(delayMs >= 0)) throw new RangeError('delayMs must be at least 0');
    this.run = run;
    this.handlers = handlers;
    this.delayMs = delayMs;
  }

  /** A call is waiting or in flight and its outcome will be delivered. */
  get busy(): boolean {
    return this.timer !== null || this.inflight !== null;
  }

  /** Calls `run(args)` once nothing else was scheduled for `delayMs`. */
  schedule(args: A): void {
    if (this.disposed) return;
    this.supersede();
    const generation = this.generation;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire(args, generation);
    }, this.delayMs);
    this.notifyBusy();
  }

  /** Calls `run(args)` right away, superseding anything scheduled or in flight. */
  now(args: A): void {
    if (this.disposed) return;
    this.supersede();
    this.fire(args, this.generation);
  }

  /** Drops the scheduled call and the outcome of the call in flight. */
  cancel(): void {
    if (this.disposed) return;
    this.supersede();
    this.notifyBusy();
  }

  /** Cancels without notifying, and ignores every later call. */
  dispose(): void {
    if (this.disposed) return;
    this.supersede();
    this.disposed = true;
  }

  private supersede(): void {
    this.generation += 1;
    this.inflight = null;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private fire(args: A, generation: number): void {
    this.inflight = generation;
    this.notifyBusy();
    let promise: Promise<R>;
    try {
      promise = this.run(args);
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise.then(
      (result) => {
        if (!this.settle(generation)) return;
        this.handlers.onResult(result, args);
      },
      (error: unknown) => {
        if (!this.settle(generation)) return;
        this.handlers.onError(error, args);
      },
    );
  }

  /** True when the call of `generation` is still the newest; it is then no longer in flight. */
  private settle(generation: number): boolean {
    if (this.disposed || generation !== this.generation) return false;
    this.inflight = null;
    this.notifyBusy();
    return true;
  }

  private notifyBusy(): void {
    const busy = this.busy;
    if (busy !== this.wasBusy) {
      this.wasBusy = busy;
      this.handlers.onBusyChange?.(busy);
    }
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedLatest } from './latest';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(run: (n: number) => Promise<string>, delay = 250) {
  const onResult = vi.fn();
  const onError = vi.fn();
  const onBusyChange = vi.fn();
  const latest = new DebouncedLatest(run, { onResult, onError, onBusyChange }, delay);
  return { latest, onResult, onError, onBusyChange };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DebouncedLatest', () => {
  it('waits for the delay and calls once with the last arguments', async () => {
    const run = vi.fn((n: number) => Promise.resolve(`r${n}`));
    const { latest, onResult } = setup(run);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(200);
    latest.schedule(2);
    await vi.advanceTimersByTimeAsync(200);
    latest.schedule(3);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(249);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(3);
    expect(onResult).toHaveBeenCalledWith('r3', 3);
  });

  it('drops a stale response that arrives after a newer one', async () => {
    const calls = new Map<number, ReturnType<typeof deferred<string>>>();
    const run = vi.fn((n: number) => {
      const d = deferred<string>();
      calls.set(n, d);
      return d.promise;
    });
    const { latest, onResult, onError } = setup(run);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(250);
    latest.schedule(2);
    await vi.advanceTimersByTimeAsync(250);
    expect(run).toHaveBeenCalledTimes(2);

    calls.get(2)!.resolve('new');
    await vi.advanceTimersByTimeAsync(0);
    calls.get(1)!.resolve('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(onResult).toHaveBeenCalledWith('new', 2);
    expect(onError).not.toHaveBeenCalled();
  });

  it('drops an in-flight response once something newer is scheduled', async () => {
    const first = deferred<string>();
    const run = vi.fn((n: number) => (n === 1 ? first.promise : Promise.resolve(`r${n}`)));
    const { latest, onResult } = setup(run);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(250);
    latest.schedule(2); // still waiting for its delay
    first.resolve('r1');
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(onResult.mock.calls).toEqual([['r2', 2]]);
  });

  it('delivers errors of the newest call only', async () => {
    const first = deferred<string>();
    const run = vi.fn((n: number) => (n === 1 ? first.promise : Promise.reject(new Error(`e${n}`))));
    const { latest, onError, onResult } = setup(run, 0);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(0);
    latest.schedule(2);
    await vi.advanceTimersByTimeAsync(0);
    first.reject(new Error('e1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toBe('e2');
    expect(onError.mock.calls[0]![1]).toBe(2);
    expect(onResult).not.toHaveBeenCalled();
  });

  it('turns a synchronous throw into an error', async () => {
    const { latest, onError } = setup(() => {
      throw new Error('boom');
    }, 0);
    latest.now(1);
    await vi.advanceTimersByTimeAsync(0);
    expect((onError.mock.calls[0]![0] as Error).message).toBe('boom');
  });

  it('cancel drops the pending call and the one in flight', async () => {
    const pending = deferred<string>();
    const run = vi.fn(() => pending.promise);
    const { latest, onResult, onBusyChange } = setup(run);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(latest.busy).toBe(true);
    latest.cancel();
    expect(latest.busy).toBe(false);
    pending.resolve('late');
    latest.schedule(2);
    latest.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(onResult).not.toHaveBeenCalled();
    expect(onBusyChange.mock.calls).toEqual([[true], [false], [true], [false]]);
  });

  it('reports busy from scheduling until the newest call settles', async () => {
    const d = deferred<string>();
    const { latest, onBusyChange } = setup(() => d.promise);
    expect(latest.busy).toBe(false);
    latest.schedule(1);
    latest.schedule(2);
    expect(latest.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(latest.busy).toBe(true);
    d.resolve('done');
    await vi.advanceTimersByTimeAsync(0);
    expect(latest.busy).toBe(false);
    expect(onBusyChange.mock.calls).toEqual([[true], [false]]);
  });

  it('now() skips the delay', async () => {
    const run = vi.fn((n: number) => Promise.resolve(`r${n}`));
    const { latest, onResult } = setup(run);
    latest.schedule(1);
    latest.now(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult.mock.calls).toEqual([['r2', 2]]);
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('ignores everything after dispose', async () => {
    const d = deferred<string>();
    const run = vi.fn(() => d.promise);
    const { latest, onResult, onBusyChange } = setup(run);
    latest.schedule(1);
    await vi.advanceTimersByTimeAsync(250);
    onBusyChange.mockClear();
    latest.dispose();
    d.resolve('late');
    latest.schedule(2);
    latest.now(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(onResult).not.toHaveBeenCalled();
    expect(onBusyChange).not.toHaveBeenCalled();
  });

  it('rejects a negative delay', () => {
    expect(() => new DebouncedLatest(() => Promise.resolve(1), { onResult() {}, onError() {} }, -1)).toThrow(
      RangeError,
    );
  });
});

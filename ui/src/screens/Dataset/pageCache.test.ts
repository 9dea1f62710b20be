import { describe, expect, it, vi } from 'vitest';
import { PageCache } from './pageCache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PageCache', () => {
  it('caches pages and evicts the least recently used', async () => {
    const fetcher = vi.fn((i: number) => Promise.resolve(`page ${i}`));
    const cache = new PageCache(fetcher, 3);
    await cache.load(0);
    await cache.load(1);
    await cache.load(2);
    expect(cache.keys()).toEqual([0, 1, 2]);

    // Touch page 0 so page 1 becomes least recently used.
    expect(cache.get(0)).toBe('page 0');
    await cache.load(3);
    expect(cache.size).toBe(3);
    expect(cache.peek(1)).toBeUndefined();
    expect(cache.keys()).toEqual([2, 0, 3]);

    // Loading a cached page does not fetch again.
    await cache.load(0);
    expect(fetcher).toHaveBeenCalledTimes(4);
    // An evicted page is fetched again.
    await cache.load(1);
    expect(fetcher).toHaveBeenCalledTimes(5);
    expect(cache.peek(2)).toBeUndefined();
  });

  it('peek does not change recency', async () => {
    const cache = new PageCache((i: number) => Promise.resolve(i), 2);
    await cache.load(0);
    await cache.load(1);
    cache.peek(0);
    await cache.load(2);
    expect(cache.peek(0)).toBeUndefined();
    expect(cache.keys()).toEqual([1, 2]);
  });

  it('does not start a second fetch for a page already in flight', async () => {
    const d = deferred<string>();
    const fetcher = vi.fn(() => d.promise);
    const cache = new PageCache(fetcher, 4);
    const a = cache.load(7);
    const b = cache.load(7);
    cache.ensure([7, 7]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(cache.isLoading(7)).toBe(true);
    expect(a).toBe(b);
    d.resolve('seven');
    await expect(a).resolves.toBe('seven');
    expect(cache.isLoading(7)).toBe(false);
    expect(cache.peek(7)).toBe('seven');
  });

  it('notifies subscribers when pages arrive', async () => {
    const cache = new PageCache((i: number) => Promise.resolve(i), 4);
    const listener = vi.fn();
    const unsubscribe = cache.subscribe(listener);
    await cache.load(1);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await cache.load(2);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('records failures and retries only after clearErrors', async () => {
    let fail = true;
    const fetcher = vi.fn((i: number) => (fail ? Promise.reject(new Error('boom')) : Promise.resolve(i)));
    const cache = new PageCache(fetcher, 4);
    await expect(cache.load(0)).rejects.toThrow('boom');
    expect(cache.error(0)).toBeInstanceOf(Error);
    expect(cache.firstError()).toBeInstanceOf(Error);
    cache.ensure([0]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    fail = false;
    cache.clearErrors();
    cache.ensure([0]);
    expect(fetcher).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.peek(0)).toBe(0);
    expect(cache.firstError()).toBeUndefined();
  });

  it('ignores results that arrive after dispose', async () => {
    const d = deferred<number>();
    const cache = new PageCache(() => d.promise, 4);
    const listener = vi.fn();
    cache.subscribe(listener);
    const p = cache.load(0);
    cache.dispose();
    d.resolve(1);
    await p;
    expect(cache.size).toBe(0);
    expect(listener).not.toHaveBeenCalled();
  });

  it('rejects a capacity below 1', () => {
    expect(() => new PageCache(() => Promise.resolve(0), 0)).toThrow(RangeError);
  });
});

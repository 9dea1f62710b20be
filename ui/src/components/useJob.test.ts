import { describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { BreakwaterError } from '../errors';
import { useJob } from './useJob';

describe('useJob', () => {
  it('runs with progress, then hands the result on and unsubscribes', async () => {
    const unlisten = vi.fn();
    let report: ((p: number) => void) | null = null;
    let finish: ((r: string) => void) | null = null;
    const onDone = vi.fn();
    const { result } = renderHook(() => useJob<number>());
    let running: Promise<void> = Promise.resolve();
    await act(async () => {
      running = result.current.run({
        listen: async (handler) => {
          report = handler;
          return unlisten;
        },
        work: () => new Promise<string>((resolve) => (finish = resolve)),
        onDone,
        cancelledStatus: 'Cancelled.',
      });
    });
    expect(result.current.running).toBe(true);
    act(() => report?.(3));
    expect(result.current.progress).toBe(3);
    await act(async () => {
      finish?.('done');
      await running;
    });
    expect(onDone).toHaveBeenCalledWith('done');
    expect(unlisten).toHaveBeenCalledTimes(1);
    expect(result.current.running).toBe(false);
    expect(result.current.progress).toBeNull();
    expect(result.current.status).toBeNull();
  });

  it('turns a cancel into the status line and another failure into the error', async () => {
    const { result } = renderHook(() => useJob<number>());
    const options = {
      listen: () => Promise.reject(new Error('no events')),
      onDone: vi.fn(),
      cancelledStatus: 'Cancelled. Nothing was saved.',
    };
    await act(() => result.current.run({ ...options, work: () => Promise.reject(new BreakwaterError('cancelled', 'x')) }));
    expect(result.current.status).toBe('Cancelled. Nothing was saved.');
    expect(result.current.error).toBeNull();
    const failure = new BreakwaterError('io', 'disk full');
    await act(() => result.current.run({ ...options, work: () => Promise.reject(failure) }));
    expect(result.current.status).toBeNull();
    expect(result.current.error).toBe(failure);
    expect(options.onDone).not.toHaveBeenCalled();
  });

  it('marks a cancel asked for, and clears it when the request fails', async () => {
    const { result } = renderHook(() => useJob<number>());
    await act(() => result.current.cancel(() => Promise.resolve()));
    expect(result.current.cancelling).toBe(true);
    const failure = new Error('no backend');
    await act(() => result.current.cancel(() => Promise.reject(failure)));
    expect(result.current.cancelling).toBe(false);
    expect(result.current.error).toBe(failure);
  });
});

import { useEffect, useRef, useState } from 'react';
import { errorCode } from '../errors';

interface RunOptions<P, R> {
  /** Subscribes to the job's progress; returns the unsubscribe. */
  listen: (handler: (progress: P) => void) => Promise<() => void>;
  /** Runs the job. */
  work: () => Promise<R>;
  /** Called with the job's result, unless the component has unmounted. */
  onDone: (result: R) => void;
  /** The status line when the job is cancelled, e.g. "Scan cancelled. Nothing was saved." */
  cancelledStatus: string;
}

/**
 * The state of a long job with progress and cancel (an import, a scan, a search): whether it
 * runs, whether a cancel was asked for, its progress, a status line and an error. Nothing is
 * set once the component has unmounted.
 */
export function useJob<P>() {
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<P | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs the job with progress; a cancel becomes the status line, another error the error. */
  const run = async <R>({ listen, work, onDone, cancelledStatus }: RunOptions<P, R>) => {
    setRunning(true);
    setCancelling(false);
    setProgress(null);
    setStatus(null);
    setError(null);
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await listen((p) => {
        if (mounted.current) setProgress(p);
      });
    } catch {
      // Progress is a nicety; the job itself still runs.
    }
    try {
      const result = await work();
      if (mounted.current) onDone(result);
    } catch (e) {
      if (!mounted.current) return;
      if (errorCode(e) === 'cancelled') setStatus(cancelledStatus);
      else setError(e);
    } finally {
      unlisten?.();
      if (mounted.current) {
        setRunning(false);
        setCancelling(false);
        setProgress(null);
      }
    }
  };

  /** Asks the backend to cancel the job; the job's run then ends with the cancelled status. */
  const cancel = async (request: () => Promise<void>) => {
    setCancelling(true);
    try {
      await request();
    } catch (e) {
      setError(e);
      setCancelling(false);
    }
  };

  return { running, cancelling, progress, status, error, setStatus, setError, run, cancel };
}
